package com.yourbit.video.it.mux;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Mux Video's API in tests, on a JDK HTTP server. It behaves as Mux documents
 * (docs.mux.com API reference, "Direct Uploads", "Assets", "Webhooks"): the paths under
 * {@code /video/v1}, HTTP Basic with an access token, the {@code {"data": ...}} envelope,
 * errors as {@code {"error": {"type", "messages"}}} (401 unauthorized, 400
 * invalid_parameters, 404 not_found), upload statuses {@code waiting -> asset_created}
 * (or {@code cancelled}), asset statuses {@code preparing -> ready | errored}, and
 * webhooks signed with {@code Mux-Signature: t=<unix>,v1=<hex HMAC-SHA256>}.
 *
 * <p>Static renditions (MP4s) as in Mux's reference: asked for with {@code static_renditions}
 * in {@code new_asset_settings} or with {@code POST /video/v1/assets/{id}/static-renditions}
 * (mux.com/docs/api-reference/video/assets/create-asset-static-rendition), listed in the asset's
 * {@code static_renditions.files} with their status, and announced by
 * {@code video.asset.static_rendition.*} webhooks whose data is the rendition with its
 * {@code asset_id} (mux.com/webhook-spec.json). Tests move them on ({@link #readyStaticRenditions},
 * {@link #failStaticRendition}) as Mux's encoder would. The delivery hosts stream.mux.com and
 * image.mux.com are served too ({@link MuxCdn}), checking playback tokens as Mux does.
 *
 * <p>The upload URL it hands out is its own "storage" endpoint, which takes a whole-file PUT
 * or {@code Content-Range} chunks (answering 308 until complete), like the signed Google
 * Cloud Storage URLs Mux hands out. Faults: {@link #failNext}, {@link #delayNext}.
 */
public final class MuxSimulator implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final Set<String> POLICIES = Set.of("public", "signed");
    /** The resolutions a static rendition may be asked for in (create-asset-static-rendition). */
    private static final Set<String> RESOLUTIONS = Set.of("highest", "audio-only", "2160p", "1440p", "1080p", "720p",
            "540p", "480p", "360p", "270p");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final URI webhookUrl;
    private final String webhookSecret;
    private String authorization;

    private final Map<String, JsonObject> uploads = new LinkedHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploadedBytes = new LinkedHashMap<>();
    private final Map<String, JsonObject> assets = new LinkedHashMap<>();
    /** The assets created from a URL, oldest first. */
    /** Assets made from a URL, and the passthrough each was made with (kept after a delete). */
    private final Map<String, String> fromUrl = new LinkedHashMap<>();
    /** What was uploaded for each asset: served as its MP4. */
    private final Map<String, byte[]> assetBytes = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Runnable> beforeNext = new LinkedHashMap<>();
    private final PlaybackTokenCheck tokens = new PlaybackTokenCheck();
    private final List<JsonObject> trackRequests = new ArrayList<>();
    private final List<Request> trackFetches = new ArrayList<>();
    /** What each ready text track's file held, served at stream.mux.com/{playback}/text/{track}.vtt. */
    private final Map<String, String> trackFiles = new LinkedHashMap<>();
    private boolean settleTracksBeforeAnswering;
    private volatile boolean dropTrackUrlQueries;
    private boolean outage;

    /** A playback id as the delivery hosts see it: its policy and its asset's state. */
    record Playback(boolean signed, boolean ready, double durationSeconds, Set<String> readyFiles, byte[] bytes) {
    }

    /**
     * One API request as received: method, path, {@code Authorization} header, body, and the
     * client's port (one port, one TCP connection; -1 when not an API call).
     */
    public record Request(String method, String path, String authorization, String body, int clientPort) {
        Request(String method, String path, String authorization, String body) {
            this(method, path, authorization, body, -1);
        }
    }

    private record Fault(int status, String type, Duration delay) {
    }

    private volatile Duration latency = Duration.ZERO;

    private MuxSimulator(int port, String tokenId, String tokenSecret, String webhookSecret, URI webhookUrl) throws IOException {
        this.base = URI.create("http://localhost:" + port);
        this.webhookUrl = webhookUrl;
        this.webhookSecret = webhookSecret;
        useCredentials(tokenId, tokenSecret);
        server = HttpServer.create(new InetSocketAddress("localhost", port), 50);
        server.setExecutor(executor);
        server.createContext("/video/v1/", this::api);
        server.createContext("/upload/", this::storage);
        MuxCdn cdn = new MuxCdn(this, tokens);
        server.createContext("/stream.mux.com/", cdn::handle);
        server.createContext("/image.mux.com/", cdn::handle);
        server.start();
    }

    public static MuxSimulator start(int port, String tokenId, String tokenSecret, String webhookSecret, URI webhookUrl) {
        try {
            return new MuxSimulator(port, tokenId, tokenSecret, webhookSecret, webhookUrl);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Mux simulator on port " + port, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Accepts only these credentials from now on (e.g. after an access token was revoked). */
    public synchronized void useCredentials(String tokenId, String tokenSecret) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((tokenId + ":" + tokenSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** A signing key of the environment, by id: tokens signed with it open signed playback ids. */
    public void trustSigningKey(String keyId, String publicKeyPem) {
        tokens.trust(keyId, publicKeyPem);
    }

    /**
     * Where this simulator serves a URL of Mux's delivery hosts ({@code https://stream.mux.com/...},
     * {@code https://image.mux.com/...}), path and query unchanged.
     */
    public URI cdnUrl(String muxUrl) {
        for (String host : List.of("stream.mux.com", "image.mux.com")) {
            String prefix = "https://" + host + "/";
            if (muxUrl.startsWith(prefix)) {
                return URI.create(base + "/" + host + "/" + muxUrl.substring(prefix.length()));
            }
        }
        throw new IllegalArgumentException("not a URL of Mux's delivery hosts: " + muxUrl);
    }

    /** Runs {@code action} when the next API request with this method arrives, before it is answered. */
    public synchronized void beforeNext(String method, Runnable action) {
        beforeNext.put(method, action);
    }

    /** The next API call answers {@code status} with Mux's error envelope. */
    public synchronized void failNext(int status) {
        String type = switch (status) {
            case 429 -> "too_many_requests";
            case 500 -> "internal_server_error";
            default -> "error";
        };
        faults.add(new Fault(status, type, Duration.ZERO));
    }

    /** While on, every API call answers 503 with Mux's error envelope, as during an outage. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    /** Every API call from now on is answered after this latency, as a real provider's round trip (benchmarks). */
    public void answerAfter(Duration latency) {
        this.latency = latency;
    }

    /** The next API call is answered normally, but only after {@code delay}. */
    public synchronized void delayNext(Duration delay) {
        faults.add(new Fault(0, null, delay));
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized JsonObject upload(String id) {
        return uploads.get(id);
    }

    /** The asset, or {@code null} once deleted. */
    public synchronized JsonObject asset(String id) {
        return assets.get(id);
    }

    /**
     * Mux finished processing: the asset becomes ready with its duration, aspect ratio, tier and
     * tracks. Its static renditions stay {@code preparing}: Mux makes them after the asset.
     */
    public synchronized JsonObject finishProcessing(String assetId) {
        JsonObject ready = with(assets.get(assetId), Map.of("status", Json.createValue("ready"),
                "duration", Json.createValue(23.857167), "aspect_ratio", Json.createValue("16:9"),
                "max_stored_resolution", Json.createValue("FHD"), "resolution_tier", Json.createValue("1080p"),
                "max_stored_frame_rate", Json.createValue(29.97),
                "tracks", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "video").add("id", muxId()).add("max_width", 1920)
                                .add("max_height", 1080).add("max_frame_rate", 29.97).add("duration", 23.857167))
                        .add(Json.createObjectBuilder().add("type", "audio").add("id", muxId()).add("max_channels", 2)
                                .add("duration", 23.857167))
                        .build()));
        assets.put(assetId, ready);
        return ready;
    }

    /** Mux finished the asset's MP4s: every {@code preparing} static rendition becomes ready. */
    public synchronized JsonObject readyStaticRenditions(String assetId) {
        byte[] bytes = assetBytes.getOrDefault(assetId, new byte[0]);
        return withFiles(assetId, file -> !"preparing".equals(file.getString("status")) ? file
                : with(file, Map.of("status", Json.createValue("ready"), "width", Json.createValue(1920),
                        "height", Json.createValue(1080), "bitrate", Json.createValue(4_500_000),
                        "filesize", Json.createValue(Integer.toString(bytes.length)))));
    }

    /** Mux could not make ({@code errored}) or will not make ({@code skipped}) the asset's MP4s. */
    public synchronized JsonObject failStaticRendition(String assetId, String status) {
        return withFiles(assetId, file -> "preparing".equals(file.getString("status"))
                ? with(file, Map.of("status", Json.createValue(status))) : file);
    }

    /**
     * As if the service had created the upload before it asked for MP4s: its asset will have no
     * static renditions.
     */
    public synchronized void dropStaticRenditionSettings(String uploadId) {
        JsonObject upload = uploads.get(uploadId);
        JsonObjectBuilder settings = Json.createObjectBuilder(upload.getJsonObject("new_asset_settings"));
        settings.remove("static_renditions");
        uploads.put(uploadId, with(upload, Map.of("new_asset_settings", settings.build())));
    }

    /** A webhook event about the asset's static rendition {@code name}, as Mux sends it. */
    public synchronized String staticRenditionEvent(String type, String assetId, String name) {
        JsonObject file = files(assets.get(assetId)).stream().map(JsonValue::asJsonObject)
                .filter(f -> name.equals(f.getString("name"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no static rendition " + name + " of asset " + assetId));
        return event(type, "asset", assetId, with(file, Map.of("asset_id", Json.createValue(assetId))));
    }

    /** The playback id's policy and what its asset offers, for the delivery hosts. */
    synchronized Optional<Playback> playback(String playbackId) {
        for (Map.Entry<String, JsonObject> asset : assets.entrySet()) {
            for (JsonValue id : asset.getValue().getJsonArray("playback_ids")) {
                if (playbackId.equals(id.asJsonObject().getString("id"))) {
                    JsonObject a = asset.getValue();
                    Set<String> ready = new java.util.HashSet<>();
                    files(a).stream().map(JsonValue::asJsonObject).filter(f -> "ready".equals(f.getString("status")))
                            .forEach(f -> ready.add(f.getString("name")));
                    return Optional.of(new Playback("signed".equals(id.asJsonObject().getString("policy")),
                            "ready".equals(a.getString("status")),
                            a.containsKey("duration") ? a.getJsonNumber("duration").doubleValue() : 0, ready,
                            assetBytes.getOrDefault(asset.getKey(), new byte[0])));
                }
            }
        }
        return Optional.empty();
    }

    /** Mux could not process the input. */
    public synchronized JsonObject failProcessing(String assetId, String message) {
        JsonObject errored = with(assets.get(assetId), Map.of("status", Json.createValue("errored"),
                "errors", Json.createObjectBuilder().add("type", "invalid_input")
                        .add("messages", Json.createArrayBuilder().add(message)).build()));
        assets.put(assetId, errored);
        return errored;
    }

    /** A webhook event about an upload, as Mux sends it, from the upload's current state. */
    public synchronized String uploadEvent(String type, String uploadId) {
        return event(type, "upload", uploadId, uploads.get(uploadId));
    }

    /** A webhook event about an asset, as Mux sends it, from the asset's current state. */
    public synchronized String assetEvent(String type, String assetId) {
        return event(type, "asset", assetId, assets.get(assetId));
    }

    /** The {@code Mux-Signature} header Mux would send with this body at this time. */
    public String signature(String body, Instant at) {
        return signature(body, at, webhookSecret);
    }

    public static String signature(String body, Instant at, String secret) {
        try {
            String timestamp = Long.toString(at.getEpochSecond());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] hmac = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers the event to the service, signed now, as Mux does. */
    public HttpResponse<String> deliver(String body) {
        return deliver(body, signature(body, Instant.now()));
    }

    /** Delivers a body with the given {@code Mux-Signature} ({@code null}: none). */
    public HttpResponse<String> deliver(String body, String signatureHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mux Webhooks")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signatureHeader != null) {
            request.header("Mux-Signature", signatureHeader);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the API ---

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Fault fault;
            synchronized (this) {
                requests.add(new Request(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body,
                        exchange.getRemoteAddress().getPort()));
                fault = outage ? new Fault(503, "service_unavailable", Duration.ZERO) : faults.poll();
            }
            if (fault != null && !fault.delay().isZero()) {
                sleep(fault.delay());
            }
            if (!latency.isZero()) {
                sleep(latency);
            }
            if (fault != null && fault.status() != 0) {
                if (fault.status() == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "7");
                }
                error(exchange, fault.status(), fault.type(), "Simulated failure");
                return;
            }
            synchronized (this) {
                if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    error(exchange, 401, "unauthorized", "Unauthorized request");
                    return;
                }
                Runnable action = beforeNext.remove(method);
                if (action != null) {
                    action.run();
                }
                route(exchange, method, path.substring("/video/v1/".length()).split("/"), body);
            }
        }
    }

    private void route(HttpExchange exchange, String method, String[] path, String body) throws IOException {
        if (path.length == 1 && path[0].equals("uploads") && method.equals("POST")) {
            createUpload(exchange, body);
        } else if (path.length == 2 && path[0].equals("uploads") && method.equals("GET")) {
            found(exchange, 200, uploads.get(path[1]), "Upload");
        } else if (path.length == 3 && path[0].equals("uploads") && path[2].equals("cancel") && method.equals("PUT")) {
            cancelUpload(exchange, path[1]);
        } else if (path.length == 1 && path[0].equals("assets") && method.equals("POST")) {
            createAssetFromInput(exchange, body);
        } else if (path.length == 2 && path[0].equals("assets") && method.equals("GET")) {
            found(exchange, 200, assets.get(path[1]), "Asset");
        } else if (path.length == 2 && path[0].equals("assets") && method.equals("DELETE")) {
            if (assets.remove(path[1]) == null) {
                error(exchange, 404, "not_found", "Asset not found");
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        } else if (path.length == 3 && path[0].equals("assets") && path[2].equals("static-renditions") && method.equals("POST")) {
            createStaticRendition(exchange, path[1], body);
        } else if (path.length == 4 && path[0].equals("assets") && path[2].equals("static-renditions") && method.equals("DELETE")) {
            deleteStaticRendition(exchange, path[1], path[3]);
        } else if (path.length == 3 && path[0].equals("assets") && path[2].equals("tracks") && method.equals("POST")) {
            createTrack(exchange, path[1], body);
        } else if (path.length == 4 && path[0].equals("assets") && path[2].equals("tracks") && method.equals("DELETE")) {
            deleteTrack(exchange, path[1], path[3]);
        } else {
            error(exchange, 404, "not_found", "The requested resource was not found");
        }
    }

    private void createUpload(HttpExchange exchange, String body) throws IOException {
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            error(exchange, 400, "invalid_parameters", "Request body is not valid JSON");
            return;
        }
        String problem = invalid(request);
        if (problem != null) {
            error(exchange, 400, "invalid_parameters", problem);
            return;
        }
        String id = muxId();
        JsonObjectBuilder upload = Json.createObjectBuilder()
                .add("id", id)
                .add("url", base + "/upload/" + id + "?Expires=" + Instant.now().plusSeconds(86400).getEpochSecond()
                        + "&Signature=" + muxId())
                .add("timeout", request.getInt("timeout", 3600))
                .add("status", "waiting")
                .add("new_asset_settings", request.getJsonObject("new_asset_settings"))
                .add("cors_origin", request.getString("cors_origin", ""))
                .add("test", request.getBoolean("test", false));
        JsonObject created = upload.build();
        uploads.put(id, created);
        uploadedBytes.put(id, new ByteArrayOutputStream());
        data(exchange, 201, created);
    }

    /**
     * An asset from a URL ({@code POST /video/v1/assets} with {@code inputs[].url};
     * mux.com/docs/api-reference/video/assets/create-asset): answers 201 with the asset,
     * {@code preparing}, then downloads the URL over HTTP as Mux does and sends the signed
     * {@code video.asset.created} and {@code video.asset.ready} (an MP4 arrived) or
     * {@code video.asset.errored} (the download failed, or it is not a video). The deprecated
     * {@code input} and {@code playback_policy} are refused here, so the service is held to
     * the current names.
     */
    private void createAssetFromInput(HttpExchange exchange, String body) throws IOException {
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            error(exchange, 400, "invalid_parameters", "Request body is not valid JSON");
            return;
        }
        if (request.containsKey("input") || request.containsKey("playback_policy") || request.containsKey("mp4_support")) {
            error(exchange, 400, "invalid_parameters", "this simulator refuses the deprecated input, playback_policy and mp4_support");
            return;
        }
        URI url;
        try {
            JsonArray inputs = request.getJsonArray("inputs");
            url = URI.create(inputs.getJsonObject(0).getString("url"));
            if (inputs.size() != 1 || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            error(exchange, 400, "invalid_parameters", "inputs must hold one object with an http(s) url");
            return;
        }
        JsonObjectBuilder settings = Json.createObjectBuilder(request);
        settings.remove("inputs");
        JsonObject upload = Json.createObjectBuilder().add("new_asset_settings", settings).build();
        String problem = invalid(upload);
        if (problem != null) {
            error(exchange, 400, "invalid_parameters", problem);
            return;
        }
        String assetId = newAsset(null, upload.getJsonObject("new_asset_settings"), request.getBoolean("test", false), new byte[0]);
        fromUrl.put(assetId, upload.getJsonObject("new_asset_settings").getString("passthrough", ""));
        data(exchange, 201, assets.get(assetId));
        executor.execute(() -> ingest(assetId, url));
    }

    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Mux downloads the input, then tells of the asset as it goes. */
    private void ingest(String assetId, URI url) {
        deliver(assetEvent("video.asset.created", assetId));
        byte[] file = null;
        try {
            HttpResponse<byte[]> response = fetcher.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                file = response.body();
            }
        } catch (IOException e) {
            // the download failed: below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String event;
        synchronized (this) {
            if (!assets.containsKey(assetId)) {
                return; // deleted meanwhile
            }
            if (file == null) {
                failProcessing(assetId, "Failed to download input file");
                event = assetEvent("video.asset.errored", assetId);
            } else if (file.length < 8 || !new String(file, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
                failProcessing(assetId, "The input file is not a valid video file");
                event = assetEvent("video.asset.errored", assetId);
            } else {
                assetBytes.put(assetId, file);
                finishProcessing(assetId);
                event = assetEvent("video.asset.ready", assetId);
            }
        }
        deliver(event);
    }

    /** Mux's documented constraints on a direct upload request, or null when it is valid. */
    private static String invalid(JsonObject request) {
        if (!(request.get("new_asset_settings") instanceof JsonObject settings)) {
            return "new_asset_settings is required";
        }
        for (JsonValue policy : policies(settings)) {
            if (policy.getValueType() != JsonValue.ValueType.STRING
                    || !POLICIES.contains(((jakarta.json.JsonString) policy).getString())) {
                return "playback_policies must be one of public, signed";
            }
        }
        if (settings.containsKey("static_renditions")) {
            if (!(settings.get("static_renditions") instanceof JsonArray renditions)) {
                return "static_renditions must be an array";
            }
            if (settings.containsKey("mp4_support") && !"none".equals(settings.getString("mp4_support", ""))) {
                return "You may not enable both static_renditions and mp4_support";
            }
            for (JsonValue rendition : renditions) {
                String problem = rendition instanceof JsonObject r ? invalidStaticRendition(r) : "a static rendition must be an object";
                if (problem != null) {
                    return problem;
                }
            }
        }
        // mux.com/docs/guides/add-metadata-to-your-videos: 512 "code points", counted as JavaScript's length.
        if (settings.get("meta") instanceof JsonObject meta && meta.get("title") instanceof jakarta.json.JsonString title
                && title.getString().length() > 512) {
            return "meta.title must be at most 512 code points";
        }
        if (settings.containsKey("passthrough") && settings.getString("passthrough").length() > 255) {
            return "passthrough must be at most 255 characters";
        }
        if (request.containsKey("timeout")) {
            int timeout = request.getJsonNumber("timeout").intValue();
            if (timeout < 60 || timeout > 604800) {
                return "timeout must be between 60 and 604800";
            }
        }
        return null;
    }

    /** {@code playback_policies}, or the deprecated {@code playback_policy} Mux still accepts. */
    private static List<JsonValue> policies(JsonObject settings) {
        List<JsonValue> all = new ArrayList<>();
        for (String key : List.of("playback_policies", "playback_policy")) {
            if (settings.get(key) instanceof JsonArray policies) {
                all.addAll(policies);
            }
        }
        return all;
    }

    private static String invalidStaticRendition(JsonObject rendition) {
        if (!RESOLUTIONS.contains(rendition.getString("resolution", ""))) {
            return "resolution must be one of " + String.join(", ", RESOLUTIONS);
        }
        if (rendition.containsKey("passthrough") && rendition.getString("passthrough", "").length() > 255) {
            return "passthrough must be at most 255 characters";
        }
        return null;
    }

    /**
     * 201 with the new static rendition, {@code preparing}. The reference documents only the
     * 201; for an unknown asset Mux's usual 404 not_found, for a body it cannot use or a
     * resolution the asset already has a static rendition of, its usual 400 invalid_parameters.
     */
    private void createStaticRendition(HttpExchange exchange, String assetId, String body) throws IOException {
        JsonObject asset = assets.get(assetId);
        if (asset == null) {
            error(exchange, 404, "not_found", "Asset not found");
            return;
        }
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            error(exchange, 400, "invalid_parameters", "Request body is not valid JSON");
            return;
        }
        String problem = invalidStaticRendition(request);
        if (problem != null) {
            error(exchange, 400, "invalid_parameters", problem);
            return;
        }
        String resolution = request.getString("resolution");
        if (files(asset).stream().anyMatch(f -> resolution.equals(f.asJsonObject().getString("resolution", "")))) {
            error(exchange, 400, "invalid_parameters", "A static rendition with this resolution already exists");
            return;
        }
        JsonObject file = staticRendition(request);
        addFile(assetId, file);
        data(exchange, 201, file);
    }

    // --- text tracks (mux.com/docs/api-reference/video/assets/create-asset-track, delete-asset-track) ---

    /** Mux's caption file types: a text track's file must be WebVTT or SRT. */
    private static final Pattern SRT_TIMING = Pattern.compile("\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}");

    /**
     * 201 with the track, {@code preparing}; Mux then downloads {@code url} and announces the
     * track with {@code video.asset.track.created} and {@code .ready} (or {@code .errored} when
     * the file could not be fetched or read). Only a ready asset takes tracks ("Assets must be in
     * the ready state before tracks can be added"); a body Mux cannot use is 400 invalid_parameters.
     */
    private void createTrack(HttpExchange exchange, String assetId, String body) throws IOException {
        JsonObject asset = assets.get(assetId);
        if (asset == null) {
            error(exchange, 404, "not_found", "Asset not found");
            return;
        }
        if (!"ready".equals(asset.getString("status", ""))) {
            error(exchange, 400, "invalid_parameters", "Asset must be ready before tracks can be added");
            return;
        }
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            error(exchange, 400, "invalid_parameters", "Request body is not valid JSON");
            return;
        }
        String problem = invalidTrack(request, asset);
        if (problem != null) {
            error(exchange, 400, "invalid_parameters", problem);
            return;
        }
        JsonObjectBuilder track = Json.createObjectBuilder()
                .add("id", muxId())
                .add("type", "text")
                .add("text_type", request.getString("text_type"))
                .add("text_source", "uploaded")
                .add("language_code", request.getString("language_code"))
                .add("name", request.getString("name", request.getString("language_code")))
                .add("closed_captions", request.getBoolean("closed_captions", false))
                .add("status", "preparing");
        if (request.containsKey("passthrough")) {
            track.add("passthrough", request.getString("passthrough"));
        }
        JsonObject created = track.build();
        setTrack(assetId, created);
        trackRequests.add(request);
        String url = request.getString("url");
        if (settleTracksBeforeAnswering) {
            ingestTrack(assetId, created.getString("id"), url);
        } else {
            executor.submit(() -> ingestTrack(assetId, created.getString("id"), url));
        }
        data(exchange, 201, created);
    }

    private static String invalidTrack(JsonObject request, JsonObject asset) {
        if (!(request.get("url") instanceof JsonString url) || !url.getString().matches("https?://.+")) {
            return "url must be an http(s) URL";
        }
        if (!"text".equals(request.getString("type", ""))) {
            return "type must be text or audio; this simulator takes text";
        }
        if (!Set.of("subtitles", "chapters").contains(request.getString("text_type", ""))) {
            return "text_type is required for text tracks";
        }
        if (!(request.get("language_code") instanceof JsonString lang) || !lang.getString().matches("[A-Za-z0-9-]{2,64}")) {
            return "language_code must be a BCP 47 language tag";
        }
        if (request.containsKey("passthrough") && request.getString("passthrough").length() > 255) {
            return "passthrough must be at most 255 characters";
        }
        String name = request.getString("name", null);
        if (name != null && tracks(asset).stream().map(JsonValue::asJsonObject)
                .anyMatch(t -> "text".equals(t.getString("type", "")) && name.equals(t.getString("name", "")))) {
            return "name must be unique among the asset's text tracks";
        }
        return null;
    }

    /** Downloads the track's file as Mux does, and tells of the outcome with signed webhooks. */
    private void ingestTrack(String assetId, String trackId, String url) {
        deliver(trackEvent("video.asset.track.created", assetId, trackId));
        String failure = null;
        String text = null;
        try {
            URI target = dropTrackUrlQueries ? URI.create(url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?')))
                    : URI.create(url);
            HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            trackFetches.add(new Request("GET", URI.create(url).getPath(), null, fetched.statusCode() + " " + fetched.body()));
            if (fetched.statusCode() != 200) {
                failure = "The file at the track URL could not be downloaded (HTTP " + fetched.statusCode() + ")";
            } else if (!(fetched.body().replace("\uFEFF", "").startsWith("WEBVTT") || SRT_TIMING.matcher(fetched.body()).find())) {
                failure = "The track file is not WebVTT or SRT";
            } else {
                text = fetched.body();
            }
        } catch (IOException e) {
            failure = "The file at the track URL could not be downloaded";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String type;
        synchronized (this) {
            JsonObject track = track(assetId, trackId);
            if (track == null) {
                return; // deleted meanwhile
            }
            JsonObjectBuilder changed = Json.createObjectBuilder(track).add("status", failure == null ? "ready" : "errored");
            if (failure != null) {
                changed.add("error", Json.createObjectBuilder().add("type", "invalid_input")
                        .add("messages", Json.createArrayBuilder().add(failure)));
            } else {
                trackFiles.put(trackId, text);
            }
            setTrack(assetId, changed.build());
            type = failure == null ? "video.asset.track.ready" : "video.asset.track.errored";
        }
        deliver(trackEvent(type, assetId, trackId));
    }

    private void deleteTrack(HttpExchange exchange, String assetId, String trackId) throws IOException {
        JsonObject asset = assets.get(assetId);
        JsonObject track = asset == null ? null : track(assetId, trackId);
        if (track == null) {
            error(exchange, 404, "not_found", "Track not found");
            return;
        }
        String event = trackEvent("video.asset.track.deleted", assetId, trackId);
        assets.put(assetId, with(asset, Map.of("tracks", Json.createArrayBuilder(tracks(asset).stream()
                .filter(t -> !trackId.equals(t.asJsonObject().getString("id", ""))).toList()).build())));
        trackFiles.remove(trackId);
        exchange.sendResponseHeaders(204, -1);
        executor.submit(() -> deliver(event));
    }

    /** A {@code video.asset.track.*} event: its data is the track with its {@code asset_id} (mux.com/webhook-spec.json). */
    public synchronized String trackEvent(String type, String assetId, String trackId) {
        JsonObject track = track(assetId, trackId);
        if (track == null) {
            throw new IllegalArgumentException("no such track: " + trackId);
        }
        return event(type, "track", trackId, Json.createObjectBuilder(track).add("asset_id", assetId).build());
    }

    /** The asset's text tracks as Mux lists them in {@code tracks}. */
    public synchronized List<JsonObject> textTracks(String assetId) {
        return tracks(assets.get(assetId)).stream().map(JsonValue::asJsonObject)
                .filter(t -> "text".equals(t.getString("type", ""))).toList();
    }

    /** The bodies of the track requests the service made, in order. */
    public synchronized List<JsonObject> trackRequests() {
        return List.copyOf(trackRequests);
    }

    /** Every download of a track file: path, and status and body as the service answered. */
    public synchronized List<Request> trackFetches() {
        return List.copyOf(trackFetches);
    }

    /** Mux downloads and announces a track before it answers the request that added it (webhooks may overtake answers). */
    public synchronized void settleTracksBeforeAnswering(boolean on) {
        settleTracksBeforeAnswering = on;
    }

    /** A fault on the way to the file: Mux's downloads lose the URL's query (and with it the token). */
    public void dropTrackUrlQueries(boolean on) {
        dropTrackUrlQueries = on;
    }

    synchronized Optional<String> trackFile(String playbackId, String trackId) {
        return playback(playbackId).isPresent() ? Optional.ofNullable(trackFiles.get(trackId)) : Optional.empty();
    }

    private static JsonArray tracks(JsonObject asset) {
        return asset != null && asset.get("tracks") instanceof JsonArray tracks ? tracks : JsonValue.EMPTY_JSON_ARRAY;
    }

    private synchronized JsonObject track(String assetId, String trackId) {
        return tracks(assets.get(assetId)).stream().map(JsonValue::asJsonObject)
                .filter(t -> trackId.equals(t.getString("id", ""))).findFirst().orElse(null);
    }

    private synchronized void setTrack(String assetId, JsonObject track) {
        JsonObject asset = assets.get(assetId);
        var all = Json.createArrayBuilder();
        boolean replaced = false;
        for (JsonValue t : tracks(asset)) {
            if (track.getString("id").equals(t.asJsonObject().getString("id", ""))) {
                all.add(track);
                replaced = true;
            } else {
                all.add(t);
            }
        }
        if (!replaced) {
            all.add(track);
        }
        assets.put(assetId, with(asset, Map.of("tracks", all.build())));
    }

    /** Another client (a concurrent request, the dashboard) asks for an MP4 of the asset. */
    public synchronized void addStaticRendition(String assetId, String resolution) {
        addFile(assetId, staticRendition(Json.createObjectBuilder().add("resolution", resolution).build()));
    }

    private void deleteStaticRendition(HttpExchange exchange, String assetId, String renditionId) throws IOException {
        JsonObject asset = assets.get(assetId);
        if (asset == null || files(asset).stream().noneMatch(f -> renditionId.equals(f.asJsonObject().getString("id", "")))) {
            error(exchange, 404, "not_found", "Static rendition not found");
            return;
        }
        withFiles(assetId, file -> renditionId.equals(file.getString("id", "")) ? null : file);
        exchange.sendResponseHeaders(204, -1);
    }

    /** A static rendition as Mux lists it while it is being made. */
    private static JsonObject staticRendition(JsonObject request) {
        String resolution = request.getString("resolution");
        boolean audio = resolution.equals("audio-only");
        JsonObjectBuilder file = Json.createObjectBuilder()
                .add("id", muxId())
                .add("type", "standard")
                .add("ext", audio ? "m4a" : "mp4")
                .add("status", "preparing")
                .add("resolution", resolution)
                .add("name", audio ? "audio.m4a" : resolution + ".mp4");
        if (request.containsKey("passthrough")) {
            file.add("passthrough", request.getString("passthrough"));
        }
        return file.build();
    }

    private static JsonArray files(JsonObject asset) {
        return asset.get("static_renditions") instanceof JsonObject renditions && renditions.get("files") instanceof JsonArray files
                ? files : JsonValue.EMPTY_JSON_ARRAY;
    }

    private void addFile(String assetId, JsonObject file) {
        JsonObject asset = assets.get(assetId);
        var all = Json.createArrayBuilder(files(asset)).add(file);
        assets.put(assetId, with(asset, Map.of("static_renditions", Json.createObjectBuilder().add("files", all).build())));
    }

    /** Replaces each static rendition of the asset by what {@code change} makes of it ({@code null}: removed). */
    private JsonObject withFiles(String assetId, java.util.function.UnaryOperator<JsonObject> change) {
        JsonObject asset = assets.get(assetId);
        var all = Json.createArrayBuilder();
        files(asset).stream().map(JsonValue::asJsonObject).map(change).filter(java.util.Objects::nonNull).forEach(all::add);
        JsonObject changed = with(asset, Map.of("static_renditions", Json.createObjectBuilder().add("files", all).build()));
        assets.put(assetId, changed);
        return changed;
    }

    private void cancelUpload(HttpExchange exchange, String id) throws IOException {
        JsonObject upload = uploads.get(id);
        if (upload == null) {
            error(exchange, 404, "not_found", "Upload not found");
            return;
        }
        if (!"waiting".equals(upload.getString("status"))) {
            error(exchange, 400, "invalid_parameters", "Only uploads in the waiting state can be cancelled");
            return;
        }
        JsonObject cancelled = with(upload, Map.of("status", Json.createValue("cancelled")));
        uploads.put(id, cancelled);
        data(exchange, 200, cancelled);
    }

    // --- the storage URL the browser uploads to ---

    private void storage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/upload/".length());
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            synchronized (this) {
                JsonObject upload = uploads.get(id);
                if (!"PUT".equals(exchange.getRequestMethod()) || upload == null || !"waiting".equals(upload.getString("status"))) {
                    exchange.sendResponseHeaders(upload == null ? 404 : 400, -1);
                    return;
                }
                String range = exchange.getRequestHeaders().getFirst("Content-Range");
                uploadedBytes.get(id).writeBytes(bytes);
                long received = uploadedBytes.get(id).size();
                if (range != null) {
                    Matcher m = CONTENT_RANGE.matcher(range);
                    if (m.matches() && Long.parseLong(m.group(2)) + 1 < Long.parseLong(m.group(3))) {
                        exchange.getResponseHeaders().add("Range", "bytes=0-" + (received - 1));
                        exchange.sendResponseHeaders(308, -1);
                        return;
                    }
                }
                createAsset(id, upload);
                exchange.sendResponseHeaders(200, -1);
            }
        }
    }

    /**
     * The assets created from a URL whose passthrough is this video id, oldest first, deleted
     * ones included: a move whose fetch fails may delete its asset before a test first looks.
     */
    public synchronized List<String> assetsFromUrlFor(String passthrough) {
        return fromUrl.entrySet().stream().filter(e -> passthrough.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** The upload is complete: Mux creates an asset, {@code preparing}. */
    private void createAsset(String uploadId, JsonObject upload) {
        String assetId = newAsset(uploadId, upload.getJsonObject("new_asset_settings"), upload.getBoolean("test", false),
                uploadedBytes.get(uploadId).toByteArray());
        uploads.put(uploadId, with(upload, Map.of("status", Json.createValue("asset_created"), "asset_id", Json.createValue(assetId))));
    }

    /** A {@code preparing} asset with these settings, from an upload or (uploadId null) a URL. */
    private String newAsset(String uploadId, JsonObject settings, boolean test, byte[] bytes) {
        String assetId = muxId();
        JsonObjectBuilder asset = Json.createObjectBuilder()
                .add("id", assetId)
                .add("status", "preparing")
                .add("created_at", Long.toString(Instant.now().getEpochSecond()))
                .add("video_quality", settings.getString("video_quality", "basic"))
                .add("mp4_support", "none")
                .add("master_access", "none")
                .add("is_live", false)
                .add("test", test);
        if (uploadId != null) {
            asset.add("upload_id", uploadId);
        }
        if (settings.containsKey("passthrough")) {
            asset.add("passthrough", settings.getString("passthrough"));
        }
        if (settings.get("meta") instanceof JsonObject meta) {
            asset.add("meta", meta);
        }
        var playbackIds = Json.createArrayBuilder();
        policies(settings).forEach(p -> playbackIds.add(Json.createObjectBuilder().add("id", muxId()).add("policy", p)));
        asset.add("playback_ids", playbackIds);
        if (settings.get("static_renditions") instanceof JsonArray requested && !requested.isEmpty()) {
            var files = Json.createArrayBuilder();
            requested.forEach(r -> files.add(staticRendition(r.asJsonObject())));
            asset.add("static_renditions", Json.createObjectBuilder().add("files", files));
        }
        assets.put(assetId, asset.build());
        assetBytes.put(assetId, bytes);
        return assetId;
    }

    // --- envelopes ---

    private String event(String type, String objectType, String objectId, JsonObject data) {
        if (data == null) {
            throw new IllegalArgumentException("no such " + objectType + ": " + objectId);
        }
        return Json.createObjectBuilder()
                .add("type", type)
                .add("request_id", JsonValue.NULL)
                .add("object", Json.createObjectBuilder().add("type", objectType).add("id", objectId))
                .add("id", UUID.randomUUID().toString())
                .add("environment", Json.createObjectBuilder().add("name", "Development").add("id", "j0863n"))
                .add("data", data)
                .add("created_at", Instant.now().truncatedTo(ChronoUnit.MICROS).toString())
                .add("attempts", Json.createArrayBuilder())
                .add("accessor_source", JsonValue.NULL)
                .add("accessor", JsonValue.NULL)
                .build().toString();
    }

    private static void found(HttpExchange exchange, int status, JsonObject object, String what) throws IOException {
        if (object == null) {
            error(exchange, 404, "not_found", what + " not found");
        } else {
            data(exchange, status, object);
        }
    }

    private static void data(HttpExchange exchange, int status, JsonObject object) throws IOException {
        send(exchange, status, Json.createObjectBuilder().add("data", object).build().toString());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("type", type).add("messages", Json.createArrayBuilder().add(message))).build().toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static JsonObject with(JsonObject object, Map<String, JsonValue> changes) {
        JsonObjectBuilder copy = Json.createObjectBuilder(object);
        changes.forEach(copy::add);
        return copy.build();
    }

    /** Ids shaped like Mux's: long URL-safe alphanumerics. */
    private static String muxId() {
        StringBuilder id = new StringBuilder(44);
        for (int i = 0; i < 44; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
