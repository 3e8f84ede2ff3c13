package com.yourbit.video.it.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The web tier's end of the events: an HTTP endpoint at {@code video.notify.url} that keeps
 * every request it gets (headers and body, byte for byte) and answers as a test scripted it for
 * the request's video: a status, or no answer for longer than the service waits. Unscripted
 * requests get 204.
 */
public final class EventReceiver implements AutoCloseable {

    /** One request as it arrived, with what it was answered. */
    public record Received(String id, String timestamp, String signature, String body, int answeredWith) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String type() {
            return json().getString("type");
        }

        public String videoId() {
            return json().getJsonObject("data").getString("id");
        }
    }

    /** Answer no answer: hold the request longer than the service's timeout. */
    public static final int TIMEOUT = -1;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Duration hold;

    public EventReceiver(int port, Duration hold) throws IOException {
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/events", this::handle);
        server.start();
    }

    /**
     * The answers for the next requests about the video with this title, in order; then 204
     * again. By title, so that it is scripted before the video exists: its first event may be
     * sent before the answer to its creation arrives.
     */
    public void script(String title, Integer... answers) {
        scripts.put(title, new ArrayDeque<>(List.of(answers)));
    }

    public List<Received> about(String videoId) {
        List<Received> mine = new ArrayList<>();
        for (Received r : received) {
            if (r.videoId().equals(videoId)) {
                mine.add(r);
            }
        }
        return mine;
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String title;
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonObject data = reader.readObject().getJsonObject("data");
                data.getString("id");
                title = data.getString("title", "");
            } catch (RuntimeException notAnEvent) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Deque<Integer> script = scripts.get(title);
            Integer planned = script == null ? null : script.poll();
            int answer = planned == null ? 204 : planned;
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, answer));
            if (answer == TIMEOUT) {
                try {
                    Thread.sleep(hold.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
