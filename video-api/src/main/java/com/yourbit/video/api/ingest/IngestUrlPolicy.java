package com.yourbit.video.api.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Decides whether a video may be fetched from a URL, and where a fetch of it may connect.
 *
 * <p>Refused ({@link IngestUrlRefusedException}): anything but an absolute {@code http} or
 * {@code https} URL of printable ASCII up to {@link #MAX_LENGTH} characters; user info
 * ({@code http://evil@127.0.0.1/}); IPv4 addresses not written as four decimal numbers
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}: clients disagree on what
 * they mean, so none is guessed at); names that are local by definition ({@code localhost},
 * {@code *.localhost}, {@code *.local}, {@code *.internal} such as
 * {@code metadata.google.internal}); names that do not resolve; and any host with one address
 * that {@link BlockedAddresses} refuses, after resolution.
 *
 * <p>A host listed in {@code video.ingest.allowed-hosts} ({@code host} or {@code host:port},
 * comma-separated) skips the name and address checks, for exactly that host (and port): for
 * an origin on a private network that an operator trusts.
 */
public final class IngestUrlPolicy {

    /** Longer URLs are not video sources; the bound also keeps them in a database column. */
    public static final int MAX_LENGTH = 2048;

    /** Resolves a host name to all its addresses (the JDK's resolver in the server). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record AllowedHost(String host, int port) {
        boolean matches(String h, int p) {
            return host.equals(h) && (port < 0 || port == p);
        }
    }

    private static final Pattern NUMERIC_LABELS = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "metadata", "instance-data");
    private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".home.arpa");

    private final List<AllowedHost> allowed;
    private final Resolver resolver;

    private IngestUrlPolicy(List<AllowedHost> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /**
     * @param allowedHosts the setting's value: comma-separated {@code host[:port]}, IPv6 in
     *     brackets; blank for none
     * @throws IllegalArgumentException for an entry that is not such a host
     */
    public static IngestUrlPolicy of(String allowedHosts, Resolver resolver) {
        List<AllowedHost> hosts = new ArrayList<>();
        if (allowedHosts != null) {
            for (String entry : allowedHosts.split(",")) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    hosts.add(allowedHost(trimmed));
                }
            }
        }
        return new IngestUrlPolicy(hosts, resolver);
    }

    /** The JDK's resolver. */
    public static IngestUrlPolicy of(String allowedHosts) {
        return of(allowedHosts, InetAddress::getAllByName);
    }

    /** The configuration key of the hosts exempt from the address checks. */
    public static final String ALLOWED_HOSTS_KEY = "video.ingest.allowed-hosts";

    /**
     * The policy of the configured {@value #ALLOWED_HOSTS_KEY}, as the domain and the local
     * provider both read it on every use: a malformed list is logged and ignored, so that no
     * host is then exempt (failing closed) and ingest goes on for public URLs.
     */
    public static IngestUrlPolicy configured(String allowedHosts) {
        try {
            return of(allowedHosts);
        } catch (IllegalArgumentException e) {
            Logger.getLogger(IngestUrlPolicy.class.getName())
                    .severe(() -> ALLOWED_HOSTS_KEY + " is ignored until fixed: " + e.getMessage());
            return of("");
        }
    }

    /** Checks the URL as a client sent it. */
    public IngestTarget check(String url) {
        if (url == null || url.isBlank()) {
            throw refused("the source URL is empty");
        }
        if (url.length() > MAX_LENGTH) {
            throw refused("the source URL is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                throw refused("the source URL must be printable ASCII without spaces or backslashes"
                        + " (percent-encode other characters)");
            }
        }
        try {
            return check(new URI(url));
        } catch (URISyntaxException e) {
            throw refused("the source URL is not a valid URL");
        }
    }

    /** Checks a URL, e.g. a redirect's target resolved against the URL that sent it. */
    public IngestTarget check(URI url) {
        if (url.toString().length() > MAX_LENGTH) {
            throw refused("the source URL is longer than " + MAX_LENGTH + " characters");
        }
        if (!url.isAbsolute() || url.isOpaque()) {
            throw refused("the source must be an absolute http or https URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs can be fetched");
        }
        String authority = url.getRawAuthority();
        if (authority == null || url.getRawUserInfo() != null || authority.contains("@")) {
            throw refused("the source URL must name a host, without user name or password");
        }
        if (url.getHost() == null) {
            throw refused("the source URL's host is not a host name or IP address");
        }
        boolean secure = scheme.equals("https");
        int port = url.getPort() < 0 ? (secure ? 443 : 80) : url.getPort();
        if (port == 0) {
            throw refused("the source URL's port is not valid");
        }
        String host = canonicalHost(url.getHost());
        URI normalized = url.getScheme().equals(scheme) ? url : withScheme(url, scheme);
        if (allowed.stream().anyMatch(a -> a.matches(host, port))) {
            List<InetAddress> addresses = host.contains(":") || DOTTED_QUAD.matcher(host).matches()
                    ? List.of(parseLiteral(host)) : resolve(host);
            return new IngestTarget(normalized, host, port, secure, addresses, true);
        }
        List<InetAddress> addresses = literal(host).map(List::of).orElseGet(() -> {
            checkName(host);
            return resolve(host);
        });
        for (InetAddress address : addresses) {
            Optional<String> why = BlockedAddresses.whyBlocked(address);
            if (why.isPresent()) {
                throw refused("the source URL's host is " + why.get() + "; this service fetches only from public addresses");
            }
        }
        return new IngestTarget(normalized, host, port, secure, addresses, false);
    }

    /** Lower case, IPv6 without brackets, one trailing dot of a fully qualified name dropped. */
    private static String canonicalHost(String raw) {
        String host = raw.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.endsWith(".")) {
            throw refused("the source URL's host is not a host name or IP address");
        }
        return host;
    }

    /** The address an IP literal stands for; empty for a name. */
    private static Optional<InetAddress> literal(String host) {
        if (host.contains(":")) {
            if (host.contains("%")) {
                throw refused("IPv6 addresses with a zone are not fetched");
            }
            return Optional.of(parseLiteral(host));
        }
        if (NUMERIC_LABELS.matcher(host).matches()) {
            if (!DOTTED_QUAD.matcher(host).matches()) {
                throw refused("IPv4 addresses must be written as four decimal numbers (such as 192.0.2.10)");
            }
            return Optional.of(parseLiteral(host));
        }
        return Optional.empty();
    }

    private static InetAddress parseLiteral(String host) {
        try {
            return InetAddress.getByName(host); // a literal: no name lookup
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw refused("the source URL's host is not a valid IP address");
        }
    }

    private static void checkName(String host) {
        if (!NAME.matcher(host).matches() || host.length() > 253) {
            throw refused("the source URL's host is not a valid host name");
        }
        if (LOCAL_NAMES.contains(host) || LOCAL_SUFFIXES.stream().anyMatch(host::endsWith)) {
            throw refused("the source URL's host is a local name; this service fetches only from public addresses");
        }
    }

    private List<InetAddress> resolve(String host) {
        try {
            InetAddress[] found = resolver.resolve(host);
            if (found == null || found.length == 0) {
                throw new UnknownHostException(host);
            }
            return List.of(found);
        } catch (UnknownHostException e) {
            throw refused("the source URL's host could not be resolved");
        }
    }

    private static AllowedHost allowedHost(String entry) {
        String value = entry.toLowerCase(Locale.ROOT);
        String host;
        int port = -1;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("allowed host " + entry + " lacks its closing bracket");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                port = port(entry, rest.startsWith(":") ? rest.substring(1) : "x");
            }
        } else {
            int colon = value.lastIndexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            if (colon >= 0) {
                port = port(entry, value.substring(colon + 1));
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("allowed host " + entry + " is not host[:port]");
        }
        return new AllowedHost(host, port);
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("allowed host " + entry + " has no valid port");
        }
    }

    private static URI withScheme(URI url, String scheme) {
        return URI.create(scheme + url.toString().substring(url.getScheme().length()));
    }

    private static IngestUrlRefusedException refused(String message) {
        return new IngestUrlRefusedException(message);
    }
}
