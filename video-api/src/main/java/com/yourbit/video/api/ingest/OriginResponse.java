package com.yourbit.video.api.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 {@code GET} to a checked {@link IngestTarget}, and its answer. The socket is
 * connected to one of the target's checked addresses, never to a name: there is no second DNS
 * lookup between the check and the connection for a rebinding name server to answer
 * differently. For {@code https} the TLS layer is put on that socket with the host name as
 * server name (SNI) and with the JDK's HTTPS host name verification against the certificate,
 * as {@code HttpsURLConnection} does. The JDK's HTTP clients cannot be given addresses to
 * connect to, hence this small client: one request per connection ({@code Connection: close}),
 * no compression, bodies by {@code Content-Length}, {@code chunked} or the end of the connection.
 */
public final class OriginResponse implements AutoCloseable {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final Socket socket;
    private final URI url;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    private OriginResponse(Socket socket, URI url, int status, Map<String, String> headers, InputStream body) {
        this.socket = socket;
        this.url = url;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Sends {@code GET} (with {@code Range: bytes=<from>-} when {@code from > 0}) and reads the
     * status and headers.
     *
     * @param idleTimeout how long a read may wait for the next bytes
     */
    public static OriginResponse get(IngestTarget target, long from, Optional<String> ifRange, Duration connectTimeout,
                              Duration idleTimeout) throws IOException {
        Socket socket = connect(target.addresses(), target.port(), connectTimeout);
        try {
            socket.setSoTimeout((int) idleTimeout.toMillis());
            if (target.secure()) {
                socket = tls(socket, target);
            }
            URI url = target.url();
            String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(target.hostHeader()).append("\r\n")
                    .append("User-Agent: yourbit-video-ingest\r\n")
                    .append("Accept: */*\r\n")
                    .append("Accept-Encoding: identity\r\n")
                    .append("Connection: close\r\n");
            if (from > 0) {
                request.append("Range: bytes=").append(from).append("-\r\n");
                ifRange.ifPresent(v -> request.append("If-Range: ").append(v).append("\r\n"));
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket, url);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, Duration timeout) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private static Socket tls(Socket plain, IngestTarget target) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("TLS is not available", e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static OriginResponse read(Socket socket, URI url) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("the origin did not answer HTTP/1.x");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String header = line(in);
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (i >= MAX_HEADERS || colon <= 0) {
                throw new IOException("the origin's headers are malformed or too many");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        InputStream body;
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.endsWith("chunked")) {
            body = new ChunkedBody(in);
        } else if (!encoding.isEmpty()) {
            throw new IOException("the origin's transfer encoding is not supported");
        } else if (headers.containsKey("content-length")) {
            body = new LengthBody(in, contentLength(headers.get("content-length")));
        } else {
            body = in;
        }
        return new OriginResponse(socket, url, status, headers, body);
    }

    private static long contentLength(String value) throws IOException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new IOException("the origin's Content-Length is malformed");
        }
        return Long.parseLong(value);
    }

    /** A CRLF- (or LF-) terminated line of ASCII, at most {@link #MAX_LINE} bytes. */
    public static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the origin closed the connection");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("the origin sent an overlong line");
            }
            line.append((char) b);
        }
    }

    /** The URL this answer is for. */
    public URI url() {
        return url;
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body's length when the origin said it ({@code Content-Length}, not chunked). */
    public Optional<Long> contentLength() {
        return body instanceof LengthBody length ? Optional.of(length.length) : Optional.empty();
    }

    /** The body; a body that ends before its {@code Content-Length} fails with {@link EOFException}. */
    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Exactly {@code length} bytes; fewer is an interrupted body, not a short one. */
    private static final class LengthBody extends InputStream {
        private final InputStream in;
        private final long length;
        private long left;

        LengthBody(InputStream in, long length) {
            this.in = in;
            this.length = length;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the origin closed the connection " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }
    }

    /** The {@code chunked} transfer coding (RFC 9112 §7.1); trailers are read and dropped. */
    private static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int extension = size.indexOf(';');
                String hex = (extension < 0 ? size : size.substring(0, extension)).trim();
                if (!hex.matches("[0-9a-fA-F]{1,15}")) {
                    throw new IOException("the origin's chunked body is malformed");
                }
                left = Long.parseLong(hex, 16);
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailer fields
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the origin closed the connection inside a chunk");
            }
            left -= n;
            if (left == 0 && !line(in).isEmpty()) {
                throw new IOException("the origin's chunked body is malformed");
            }
            return n;
        }
    }
}
