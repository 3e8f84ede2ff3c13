package com.yourbit.video.api.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a fetch must never reach: this host, private networks, link-local (where clouds
 * serve instance metadata, 169.254.169.254), multicast, and the special-purpose ranges of the
 * IANA registries (RFC 6890) that are not the public internet. IPv6 addresses that carry an
 * IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class BlockedAddresses {

    private record Range(byte[] prefix, int bits, String what) {

        static Range of(String address, int bits, String what) {
            try {
                return new Range(InetAddress.getByName(address).getAddress(), bits, what);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private static final List<Range> V4 = List.of(
            Range.of("0.0.0.0", 8, "\"this network\" (0.0.0.0/8)"),
            Range.of("10.0.0.0", 8, "a private network address"),
            Range.of("100.64.0.0", 10, "a shared (carrier-grade NAT) address"),
            Range.of("127.0.0.0", 8, "a loopback address"),
            Range.of("169.254.0.0", 16, "a link-local address (cloud metadata lives there)"),
            Range.of("172.16.0.0", 12, "a private network address"),
            Range.of("192.0.0.0", 24, "an IETF protocol address"),
            Range.of("192.0.2.0", 24, "a documentation address"),
            Range.of("192.88.99.0", 24, "a relay anycast address"),
            Range.of("192.168.0.0", 16, "a private network address"),
            Range.of("198.18.0.0", 15, "a benchmarking address"),
            Range.of("198.51.100.0", 24, "a documentation address"),
            Range.of("203.0.113.0", 24, "a documentation address"),
            Range.of("224.0.0.0", 4, "a multicast address"),
            Range.of("240.0.0.0", 4, "a reserved or broadcast address"));

    private static final List<Range> V6 = List.of(
            Range.of("::", 128, "the unspecified address"),
            Range.of("::1", 128, "a loopback address"),
            Range.of("100::", 64, "a discard address"),
            Range.of("2001::", 32, "a Teredo tunnel address"),
            Range.of("2001:db8::", 32, "a documentation address"),
            Range.of("fc00::", 7, "a unique local (private) address"),
            Range.of("fe80::", 10, "a link-local address"),
            Range.of("fec0::", 10, "a site-local address"),
            Range.of("ff00::", 8, "a multicast address"));

    private static final Range MAPPED = Range.of("::ffff:0:0", 96, "");
    private static final Range COMPATIBLE = Range.of("::", 96, "");
    private static final Range NAT64 = Range.of("64:ff9b::", 96, "");
    private static final Range NAT64_LOCAL = Range.of("64:ff9b:1::", 48, "");
    private static final Range SIX_TO_FOUR = Range.of("2002::", 16, "");

    private BlockedAddresses() {
    }

    /** Why the address may not be fetched from; empty when it may. */
    public static Optional<String> whyBlocked(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return V4.stream().filter(r -> r.contains(bytes)).map(Range::what).findFirst();
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of("not an IP address");
        }
        for (Range range : V6) {
            if (range.contains(bytes)) {
                return Optional.of(range.what());
            }
        }
        if (MAPPED.contains(bytes) || COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return whyBlocked(v4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (NAT64_LOCAL.contains(bytes)) {
            return Optional.of("a local-use NAT64 address");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return whyBlocked(v4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return Optional.empty();
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
