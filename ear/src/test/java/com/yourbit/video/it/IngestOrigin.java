package com.yourbit.video.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web server a video is ingested from, on loopback at {@code it.origin.port} (the one
 * address and port the test server's {@code video.ingest.allowed-hosts} lets through):
 * <ul>
 * <li>{@code /sample.mp4}: the sample clip, with {@code Accept-Ranges: bytes} and ranges;</li>
 * <li>{@code /flaky.mp4}: the same, but a whole-file answer breaks off after half the body;</li>
 * <li>{@code /held.mp4}: a whole-file answer sends half the body, then nothing until
 * {@link #release()} (a server restart meanwhile cuts the connection); a range request gets
 * the rest;</li>
 * <li>{@code /missing.mp4} 404, {@code /not-a-video.mp4} text, {@code /huge.mp4} a
 * {@code Content-Length} of 20 GB and no body;</li>
 * <li>{@code /to-sample} redirects to {@code /sample.mp4}, {@code /to-loopback} to this test
 * server's own port on 127.0.0.1, {@code /to-metadata} to 169.254.169.254.</li>
 * </ul>
 * The first whole-file {@code GET} of each path is always answered whole: it is the service's
 * check of the URL's redirects, which reads only the headers.
 */
final class IngestOrigin implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request as received: path, query and {@code Range} header (each null when absent). */
    record Request(String path, String query, String range) {
    }

    private final HttpServer server;
    private final byte[] sample = Server.sample();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch halfSent = new CountDownLatch(1);
    private final java.util.Set<String> checked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    IngestOrigin() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port()), 20);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the ingest origin on port " + port(), e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    static int port() {
        return Integer.parseInt(System.getProperty("it.origin.port", "18084"));
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Request> requests() {
        return requests;
    }

    byte[] sample() {
        return sample.clone();
    }

    /** Waits until {@code /held.mp4} has sent its first half. */
    boolean awaitHalfSent(long seconds) throws InterruptedException {
        return halfSent.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        held.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, exchange.getRequestURI().getRawQuery(), range));
        try (exchange) {
            switch (path) {
                case "/sample.mp4" -> serve(exchange, range, -1, false);
                case "/flaky.mp4" -> serve(exchange, range, range == null && !checked.add(path) ? sample.length / 2 : -1, false);
                case "/held.mp4" -> {
                    boolean hold = range == null && !checked.add(path);
                    serve(exchange, range, hold ? sample.length / 2 : -1, hold);
                }
                case "/not-a-video.mp4" -> {
                    byte[] text = "this is not a video\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, text.length);
                    exchange.getResponseBody().write(text);
                }
                case "/huge.mp4" -> {
                    exchange.getResponseHeaders().add("Content-Type", "video/mp4");
                    exchange.sendResponseHeaders(200, 20_000_000_000L);
                }
                case "/to-sample" -> redirect(exchange, "/sample.mp4");
                case "/to-loopback" -> redirect(exchange, "http://127.0.0.1:" + Server.BASE.getPort() + "/api/videos");
                case "/to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
                default -> exchange.sendResponseHeaders(404, -1);
            }
        } catch (IOException e) {
            // the client went away (or the body was broken off on purpose)
        }
    }

    /** The sample from the range's start; {@code cutAt} > 0: the connection breaks (or holds) there. */
    private void serve(HttpExchange exchange, String range, int cutAt, boolean hold) throws IOException {
        int from = 0;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            from = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        }
        exchange.getResponseHeaders().add("Content-Type", "video/mp4");
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().add("ETag", "\"sample-v1\"");
        if (from > 0) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (sample.length - 1) + "/" + sample.length);
        }
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, sample.length - from);
        OutputStream out = exchange.getResponseBody();
        if (cutAt <= 0) {
            out.write(sample, from, sample.length - from);
            return;
        }
        out.write(sample, from, cutAt - from);
        out.flush();
        if (hold) {
            halfSent.countDown();
            try {
                held.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Closing the exchange short of its Content-Length makes the server close the connection.
        throw new IOException("broken off on purpose");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
