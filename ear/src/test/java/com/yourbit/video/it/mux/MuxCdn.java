package com.yourbit.video.it.mux;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mux's delivery hosts as the simulator serves them, each under a path named for its host
 * ({@code /stream.mux.com/...}, {@code /image.mux.com/...}; {@link MuxSimulator#cdnUrl} maps a
 * URL the service handed out onto it): the MP4 static renditions
 * ({@code stream.mux.com/{PLAYBACK_ID}/{name}}, mux.com/docs/guides/enable-static-mp4-renditions),
 * {@code storyboard.vtt} and {@code animated.gif|webp} (mux.com/docs/guides/get-images-from-a-video).
 * A signed playback id needs a valid token ({@link PlaybackTokenCheck}), else 403; its image
 * parameters are read from the token's claims, a public one's from the query. Parameters
 * outside Mux's limits are 400 (Mux documents the limits, not its answer to a breach). An
 * animated image is a placeholder of the right format: the simulator checks requests, it does
 * not render.
 */
final class MuxCdn {

    private static final Pattern STREAM = Pattern.compile("/stream\\.mux\\.com/([A-Za-z0-9]{1,255})/([a-z0-9-]{1,32}\\.(?:mp4|m4a))");
    private static final Pattern TEXT = Pattern.compile("/stream\\.mux\\.com/([A-Za-z0-9]{1,255})/text/([A-Za-z0-9]{1,255})\\.vtt");
    private static final Pattern IMAGE = Pattern.compile("/image\\.mux\\.com/([A-Za-z0-9]{1,255})/(storyboard\\.vtt|animated\\.(gif|webp))");
    /** The smallest GIF (1x1) and WebP (1x1, lossless): a placeholder of the asked format. */
    private static final byte[] GIF = HexFormat.of().parseHex(
            "4749463839610100010080000000000000ffffff21f90401000000002c00000000010001000002024401003b");
    private static final byte[] WEBP = HexFormat.of().parseHex(
            "524946461a000000574542505650384c0d0000002f0000001007101111888888fe0700");
    /** Mux's limits for animated images (get-images-from-a-video: "Animated GIF Query String Parameters"). */
    private static final double MAX_SECONDS = 10;
    private static final double MIN_SECONDS = 0.25;
    private static final int MAX_SIZE = 640;
    private static final int MAX_FPS = 30;

    private final MuxSimulator mux;
    private final PlaybackTokenCheck tokens;

    MuxCdn(MuxSimulator mux, PlaybackTokenCheck tokens) {
        this.mux = mux;
        this.tokens = tokens;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Matcher stream = STREAM.matcher(path);
            Matcher image = IMAGE.matcher(path);
            Matcher textTrack = TEXT.matcher(path);
            if (textTrack.matches()) {
                serveTrack(exchange, textTrack.group(1), textTrack.group(2), query);
            } else if (stream.matches()) {
                serveFile(exchange, stream.group(1), stream.group(2), query);
            } else if (image.matches()) {
                serveImage(exchange, image.group(1), image.group(2), query);
            } else {
                text(exchange, 404, "text/plain", "Not found");
            }
        }
    }

    private void serveFile(HttpExchange exchange, String playbackId, String name, Map<String, String> query) throws IOException {
        Optional<MuxSimulator.Playback> playback = mux.playback(playbackId);
        if (playback.isEmpty()) {
            text(exchange, 404, "text/plain", "Not found");
            return;
        }
        if (playback.get().signed() && tokens.claims(query.get("token"), playbackId, "v", Instant.now()).isEmpty()) {
            text(exchange, 403, "text/plain", "Forbidden");
            return;
        }
        if (!playback.get().readyFiles().contains(name)) {
            text(exchange, 404, "text/plain", "Not found");
            return;
        }
        byte[] bytes = playback.get().bytes();
        exchange.getResponseHeaders().add("Content-Type", name.endsWith(".m4a") ? "audio/mp4" : "video/mp4");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A ready text track's WebVTT (add-subtitles-to-your-videos), signed like playback (audience {@code v}). */
    private void serveTrack(HttpExchange exchange, String playbackId, String trackId, Map<String, String> query) throws IOException {
        Optional<MuxSimulator.Playback> playback = mux.playback(playbackId);
        if (playback.isEmpty()) {
            text(exchange, 404, "text/plain", "Not found");
            return;
        }
        if (playback.get().signed() && tokens.claims(query.get("token"), playbackId, "v", Instant.now()).isEmpty()) {
            text(exchange, 403, "text/plain", "Forbidden");
            return;
        }
        Optional<String> file = mux.trackFile(playbackId, trackId);
        if (file.isEmpty()) {
            text(exchange, 404, "text/plain", "Not found");
            return;
        }
        text(exchange, 200, "text/vtt", file.get());
    }

    private void serveImage(HttpExchange exchange, String playbackId, String file, Map<String, String> query) throws IOException {
        Optional<MuxSimulator.Playback> playback = mux.playback(playbackId);
        if (playback.isEmpty() || !playback.get().ready()) {
            text(exchange, 404, "text/plain", "Not found");
            return;
        }
        boolean storyboard = file.equals("storyboard.vtt");
        Function<String, JsonValue> param;
        if (playback.get().signed()) {
            Optional<JsonObject> claims = tokens.claims(query.get("token"), playbackId, storyboard ? "s" : "g", Instant.now());
            if (claims.isEmpty()) {
                text(exchange, 403, "text/plain", "Forbidden");
                return;
            }
            param = claims.get()::get;
        } else {
            param = name -> query.containsKey(name) ? jakarta.json.Json.createValue(query.get(name)) : null;
        }
        if (storyboard) {
            text(exchange, 200, "text/vtt", storyboard(playbackId, playback.get().durationSeconds(), query.get("token")));
            return;
        }
        String problem = animatedProblem(param, playback.get().durationSeconds());
        if (problem != null) {
            text(exchange, 400, "text/plain", problem);
            return;
        }
        boolean gif = file.endsWith(".gif");
        byte[] bytes = gif ? GIF : WEBP;
        exchange.getResponseHeaders().add("Content-Type", gif ? "image/gif" : "image/webp");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Mux's bounds: start ≥ 0, end 0.25–10 s after start (default start + 5), width and height ≤ 640, fps ≤ 30. */
    static String animatedProblem(Function<String, JsonValue> param, double duration) {
        try {
            double start = number(param.apply("start"), 0);
            double end = number(param.apply("end"), start + 5);
            double width = number(param.apply("width"), 320);
            double height = number(param.apply("height"), 1);
            double fps = number(param.apply("fps"), 15);
            if (start < 0 || start >= duration) {
                return "start must be within the video";
            }
            if (end - start < MIN_SECONDS || end - start > MAX_SECONDS) {
                return "the animation must be 0.25 to 10 seconds long";
            }
            if (!whole(width) || width < 1 || width > MAX_SIZE || !whole(height) || height < 1 || height > MAX_SIZE) {
                return "width and height must be 1 to 640";
            }
            if (!whole(fps) || fps < 1 || fps > MAX_FPS) {
                return "fps must be 1 to 30";
            }
            return null;
        } catch (NumberFormatException e) {
            return "parameters must be numbers";
        }
    }

    /** A number claim, or a numeric string (query values are strings; Mux's SDK types claims as strings). */
    private static double number(JsonValue value, double fallback) {
        if (value == null) {
            return fallback;
        }
        double parsed = value instanceof JsonNumber n ? n.doubleValue()
                : value instanceof JsonString s ? Double.parseDouble(s.getString()) : Double.NaN;
        if (!Double.isFinite(parsed)) {
            throw new NumberFormatException();
        }
        return parsed;
    }

    private static boolean whole(double value) {
        return value == Math.rint(value);
    }

    /** A WebVTT storyboard as Mux serves it: cues over the video, each a tile of storyboard.jpg. */
    private static String storyboard(String playbackId, double duration, String token) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        int tiles = 5;
        for (int i = 0; i < tiles; i++) {
            vtt.append('\n').append(timestamp(duration * i / tiles)).append(" --> ").append(timestamp(duration * (i + 1) / tiles))
                    .append('\n').append("https://image.mux.com/").append(playbackId).append("/storyboard.jpg")
                    .append(token == null ? "" : "?token=" + token)
                    .append("#xywh=").append(i * 256).append(",0,256,144\n");
        }
        return vtt.toString();
    }

    private static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void text(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
