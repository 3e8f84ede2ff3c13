package com.yourbit.video.api.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@code GET} of a source URL that follows redirects the way the ingest policy allows: every
 * hop is checked by {@link IngestUrlPolicy} before it is connected to, and connected to only at
 * the addresses checked ({@link OriginResponse}); at most {@link #MAX_REDIRECTS} hops.
 */
public final class OriginFetch {

    public static final int MAX_REDIRECTS = 5;

    /** What an origin's redirects did: more than allowed, to nowhere, or to a malformed URL. */
    public static final class BadRedirectException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadRedirectException(String safeMessage) {
            super(safeMessage);
        }
    }

    private final IngestUrlPolicy policy;
    private final Duration connectTimeout;
    private final Duration idleTimeout;

    public OriginFetch(IngestUrlPolicy policy, Duration connectTimeout, Duration idleTimeout) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
    }

    /**
     * The answer at the end of the redirects (the caller closes it).
     *
     * @param from {@code Range: bytes=<from>-} when above zero
     * @param opened told of each connection as it opens, so that another thread can cut it off
     * @throws IngestUrlRefusedException when the URL or a redirect's target is refused
     * @throws BadRedirectException for too many redirects, or one without a usable {@code Location}
     */
    public OriginResponse get(URI url, long from, Optional<String> ifRange, Consumer<OriginResponse> opened)
            throws IOException {
        IngestTarget target = policy.check(url);
        for (int hop = 0; ; hop++) {
            OriginResponse response = OriginResponse.get(target, from, ifRange, connectTimeout, idleTimeout);
            opened.accept(response);
            int status = response.status();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return response;
            }
            Optional<String> location = response.header("Location");
            response.close();
            if (location.isEmpty()) {
                throw new BadRedirectException("the origin redirected without a Location");
            }
            if (hop + 1 > MAX_REDIRECTS) {
                throw new BadRedirectException("the origin redirected more than " + MAX_REDIRECTS + " times");
            }
            try {
                target = policy.check(target.url().resolve(new URI(location.get())));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new BadRedirectException("the origin redirected to a malformed URL");
            }
        }
    }

    /**
     * Where the URL's redirects lead, each hop checked; the last answer's body is not read. An origin that cannot be reached or answers an error is not this
     * check's business: the fetch itself reports that.
     *
     * @throws IngestUrlRefusedException when the URL or a redirect's target is refused
     * @throws BadRedirectException for too many redirects, or one without a usable {@code Location}
     */
    public URI followRedirects(URI url) throws BadRedirectException {
        URI[] last = {policy.check(url).url()};
        try (OriginResponse ignored = get(url, 0, Optional.empty(), response -> last[0] = response.url())) {
            return last[0];
        } catch (BadRedirectException e) {
            throw e;
        } catch (IOException unreachable) {
            return last[0];
        }
    }
}
