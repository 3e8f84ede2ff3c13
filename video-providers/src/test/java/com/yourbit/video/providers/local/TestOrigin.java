package com.yourbit.video.providers.local;

import com.yourbit.video.api.ingest.OriginResponse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP origin on a raw server socket, so that a test decides every byte it sends, including
 * none after the half of a body (a dropped connection).
 */
final class TestOrigin implements AutoCloseable {

    /** A request as received: its target and headers (names in lower case). */
    record Request(String target, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    @FunctionalInterface
    interface Handler {
        void answer(Request request, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Handler handler;

    TestOrigin(Handler handler) throws IOException {
        this.handler = handler;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-origin");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Request> requests() {
        return requests;
    }

    void handler(Handler next) {
        handler = next;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                String requestLine = OriginResponse.line(in);
                Map<String, String> headers = new TreeMap<>();
                for (String line = OriginResponse.line(in); !line.isEmpty(); line = OriginResponse.line(in)) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                Request request = new Request(requestLine.split(" ")[1], headers);
                requests.add(request);
                OutputStream out = socket.getOutputStream();
                handler.answer(request, out);
                out.flush();
            } catch (IOException e) {
                // the client went away, or the origin was closed
            }
        }
    }

    /** A status line and headers; the body is the caller's. */
    static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
