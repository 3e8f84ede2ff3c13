package com.yourbit.video.domain.videos;

import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.util.LruCache;
import com.yourbit.video.domain.Video;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Signed URLs handed out lately on this node, so that the same request within a short window
 * gets the same URL instead of a new signature: an RS256 or ES256 signature costs about a
 * millisecond of CPU, more than the rest of such a request.
 *
 * <p>A URL is reused for at most a tenth of the lifetime it was asked with, and never more
 * than {@link #MAX_WINDOW}; its {@code expiresAt} stays its token's real expiry, so a reused
 * URL lives at least nine tenths of what was asked (the API says so). The key holds everything
 * the URL depends on and whose change must not serve an old one: the owner (one user's URL
 * never serves another's request), the video and its version (any change of the video, a move
 * to another provider among them, bumps it; a deleted video is refused before the cache is
 * asked), its provider and that provider's signing key (a rotated key signs anew), the kind of
 * URL, its parameters and the lifetime asked for.
 *
 * <p>Bounded (least recently used out): a flood of distinct requests costs memory only up to
 * {@link #CAPACITY} URLs. URLs without an expiry (public by policy) are never kept: they cost
 * no signature.
 */
@ApplicationScoped
public class SignedUrlCache {

    /** Room for the URLs of many videos' pages at once; each entry is a few hundred bytes. */
    public static final int CAPACITY = 10_000;
    /** A URL reused longer would be handed out with much less of its lifetime left than asked. */
    public static final Duration MAX_WINDOW = Duration.ofMinutes(5);

    /**
     * What a signed URL depends on.
     *
     * @param kind       playback, thumbnail, storyboard, download, animated
     * @param params     the kind's parameters (a spec record), or {@code null}
     * @param signingKey the provider's {@code PlaybackSigner#signingKeyVersion()}
     */
    public record Key(String ownerId, String videoId, long version, String provider, String signingKey, String kind,
                      Object params, Duration ttl) {

        public static Key of(Video video, String signingKey, String kind, Object params, Duration ttl) {
            return new Key(video.getOwnerId(), video.getId(), video.getVersion(), video.getProvider().value(),
                    signingKey, kind, params, ttl);
        }
    }

    private record Entry(SignedUrl url, Instant reuseUntil) {
    }

    private final Clock clock;
    private final LruCache<Key, Entry> entries;

    /** For the container's proxy only. */
    protected SignedUrlCache() {
        this(null, 1);
    }

    @Inject
    public SignedUrlCache(Clock clock) {
        this(clock, CAPACITY);
    }

    SignedUrlCache(Clock clock, int capacity) {
        this.clock = clock;
        this.entries = new LruCache<>(capacity);
    }

    /** How long a URL asked with this lifetime is reused. */
    public static Duration window(Duration ttl) {
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(MAX_WINDOW) < 0 ? tenth : MAX_WINDOW;
    }

    /**
     * The URL kept for {@code key} while its window lasts, else the one {@code sign} makes (kept
     * when it expires). Signing runs outside the lock: two threads asking at once may both sign,
     * and either URL is right.
     */
    public SignedUrl get(Key key, Supplier<SignedUrl> sign) {
        Instant now = clock.instant();
        Entry kept = entries.get(key);
        if (kept != null && now.isBefore(kept.reuseUntil())) {
            return kept.url();
        }
        SignedUrl signed = sign.get();
        if (signed.expiresAt() != null) {
            entries.put(key, new Entry(signed, now.plus(window(key.ttl()))));
        }
        return signed;
    }

    int size() {
        return entries.size();
    }
}
