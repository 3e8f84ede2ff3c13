package com.yourbit.video.api.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL that passed {@link IngestUrlPolicy}: where to connect. A client that fetches it connects
 * only to {@code addresses} (resolved and checked once, so a second DNS answer cannot point the
 * connection elsewhere) and speaks to {@code host} (TLS server name and certificate check, the
 * {@code Host} header).
 *
 * @param allowListed whether the host is in {@code video.ingest.allowed-hosts}: its addresses
 *     were not checked
 */
public record IngestTarget(URI url, String host, int port, boolean secure, List<InetAddress> addresses,
                           boolean allowListed) {

    public IngestTarget {
        addresses = List.copyOf(addresses);
    }

    /** The {@code Host} header: the port only when it is not the scheme's default. */
    public String hostHeader() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return port == (secure ? 443 : 80) ? name : name + ":" + port;
    }
}
