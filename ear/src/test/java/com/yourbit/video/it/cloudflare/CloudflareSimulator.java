package com.yourbit.video.it.cloudflare;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare Stream as far as this service uses it, over real HTTP on {@code it.cloudflare.port}:
 * the v4 API under {@code /client/v4} with Bearer auth and the {@code {result, success, errors,
 * messages}} envelope (developers.cloudflare.com/stream, Cloudflare's API schemas), one-time
 * basic upload URLs that take a multipart POST, direct creator uploads with tus
 * ({@code POST /stream?direct_user=true} answering a one-time tus upload URL with Cloudflare's
 * chunk rules), state progression {@code pendingupload} →
 * {@code inprogress} → {@code ready} (or {@code error} for a file that is not a video), and
 * webhooks signed with {@code Webhook-Signature: time=…,sig1=…}. Faults are injected per test.
 *
 * <p>MP4 downloads as the downloads API makes them ({@code POST|GET|DELETE
 * /accounts/{account}/stream/{uid}/downloads}: {@code result.default} with {@code status}
 * {@code inprogress} → {@code ready}, {@code percentComplete} and {@code url};
 * developers.cloudflare.com/stream/viewing-videos/download-videos), and the customer subdomain
 * ({@code https://customer-{code}.cloudflarestream.com/}, reached at this server's root, as a
 * hosts entry would) serving {@code /{uid-or-token}/downloads/default.mp4},
 * {@code /thumbnails/thumbnail.jpg} and {@code /thumbnails/thumbnail.gif} only to a valid
 * token where the video requires one ({@link StreamTokenCheck}), sized as asked
 * ({@link Thumbnails}).
 *
 * <p>The secrets here are the TEST-ONLY values the server gets in {@code ear/pom.xml}.
 */
public final class CloudflareSimulator {

    public static final String API_TOKEN = "test-only-cloudflare-api-token";
    public static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    public static final String WEBHOOK_SECRET = "test-only-cloudflare-webhook-secret";
    public static final String CUSTOMER_CODE = "testonlycustomercode";
    public static final String SIGNING_KEY_ID = "8f926b2b8e0c4b8f9d4a1c2e3f405162";

    private static final Pattern API = Pattern.compile("/client/v4/accounts/([^/]+)/stream(?:/([^/?]+))?/?");
    private static final Pattern CAPTIONS = Pattern.compile("/client/v4/accounts/([^/]+)/stream/([^/]+)/captions(?:/([^/]+))?/?");
    private static final Pattern DOWNLOADS = Pattern.compile("/client/v4/accounts/([^/]+)/stream/([^/]+)/downloads/?");
    /** The customer subdomain's paths: the uid or token, then what is asked for. */
    private static final Pattern CUSTOMER_PATH = Pattern.compile("/([A-Za-z0-9_.-]{1,4096})/(downloads/default\\.mp4|thumbnails/thumbnail\\.(?:jpg|gif))");
    /** The simulated encoding's size and duration, as {@link #videoObject} reports them. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final double DURATION = 2.0;
    private static CloudflareSimulator instance;

    /** A video as Cloudflare keeps it. */
    public static final class Video {
        public final String uid;
        public final JsonObject meta;
        public final boolean requireSignedUrls;
        public final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        public final Instant uploadExpiry;
        final String uploadToken;
        volatile String state = "pendingupload";
        volatile Instant modified = created;
        volatile String errorCode = "";
        volatile String errorText = "";
        volatile boolean uploaded;
        /** The {@code default} download: {@code null} until asked for, then inprogress, ready or error. */
        volatile String download;
        volatile double downloadPercent;
        /** tus only: the creation's Upload-Length and Upload-Metadata (decoded), and the bytes so far. */
        public volatile long uploadLength = -1;
        public volatile Map<String, String> tusMetadata = Map.of();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Video(String uid, JsonObject meta, boolean requireSignedUrls, Instant uploadExpiry) {
            this.uid = uid;
            this.meta = meta;
            this.requireSignedUrls = requireSignedUrls;
            this.uploadExpiry = uploadExpiry;
            this.uploadToken = UUID.randomUUID().toString().replace("-", "");
        }

        public String state() {
            return state;
        }

        /** The bytes a tus upload received, in order. */
        public byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        long offset() {
            synchronized (received) {
                return received.size();
            }
        }
    }

    /** One injected answer for the next API call: a status, optional Retry-After, a body. */
    private record Fault(int status, String retryAfter, String body, Duration delay) {
    }

    /** What the API was asked: method, path with query, Authorization header, body, the client's port (its TCP connection). */
    public record Call(String method, String path, String authorization, String body, int clientPort) {
    }

    /** A request to the customer subdomain and the status it got. */
    public record CustomerRequest(String path, String query, int status) {
    }

    /** What our webhook endpoint answered to a delivery. */
    public record Delivery(String uid, String state, int status, String answer) {
    }

    private final HttpServer server;
    private final URI base;
    private final URI webhookUrl;
    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Queue faults = new Queue();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService processing = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean loseWebhooks;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean holdDownloads;
    private final List<CustomerRequest> customerRequests = Collections.synchronizedList(new ArrayList<>());
    /** Each video's captions by language: the caption object and the file. */
    private final Map<String, Map<String, String[]>> captions = new ConcurrentHashMap<>();
    private final StreamTokenCheck tokens = new StreamTokenCheck(SIGNING_KEY_ID);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final class Queue extends ConcurrentLinkedQueue<Fault> {
        private static final long serialVersionUID = 1L;
    }

    private CloudflareSimulator(int port, URI webhookUrl) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 50);
        this.base = URI.create("http://localhost:" + port);
        this.webhookUrl = webhookUrl;
        server.createContext("/client/v4/", this::api);
        server.createContext("/upload/", this::basicUpload);
        server.createContext("/tus/", this::tus);
        server.createContext("/", this::customerDomain);
        // A thread per call in flight: calls sleep through the benchmark's latency, and four
        // threads would queue the fifth call behind them.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The one simulator of this test JVM, started on first use; it delivers webhooks to our server. */
    public static synchronized CloudflareSimulator start(URI serverBase) {
        if (instance == null) {
            try {
                instance = new CloudflareSimulator(Integer.parseInt(System.getProperty("it.cloudflare.port", "18082")),
                        serverBase.resolve("/webhooks/cloudflare"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Cloudflare simulator", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.server.stop(0)));
        }
        return instance;
    }

    // ---- test controls --------------------------------------------------------------

    /** The next API call answers this status (and body), with Retry-After if given. */
    public void failNext(int status, String retryAfter, String body) {
        faults.add(new Fault(status, retryAfter, body, Duration.ZERO));
    }

    /** Every API call from now on answers after this latency, as a real provider's round trip (benchmarks). */
    public void answerAfter(Duration latency) {
        this.latency = latency;
    }

    /** The next API call answers only after this delay (beyond the service's timeout). */
    public void stallNext(Duration delay) {
        faults.add(new Fault(0, null, null, delay));
    }

    /** From now on, finished videos send no webhook, as if every delivery were lost. */
    public void loseWebhooks(boolean lose) {
        this.loseWebhooks = lose;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** While held, new MP4 downloads stay {@code inprogress} until {@link #finishDownload} or {@link #failDownload}. */
    public void holdDownloads(boolean hold) {
        this.holdDownloads = hold;
    }

    public void finishDownload(String uid) {
        Video video = videos.get(uid);
        video.downloadPercent = 100;
        video.download = "ready";
    }

    public void failDownload(String uid) {
        videos.get(uid).download = "error";
    }

    /** The video's {@code default} download status, {@code null} when there is none. */
    public String downloadStatus(String uid) {
        return videos.get(uid).download;
    }

    /** What the customer subdomain was asked, oldest first. */
    public List<CustomerRequest> customerRequests() {
        synchronized (customerRequests) {
            return List.copyOf(customerRequests);
        }
    }

    public Video video(String uid) {
        return videos.get(uid);
    }

    /** The videos made for one of our videos (their {@code meta.videoId}), oldest first. */
    public List<Video> videosFor(String videoId) {
        return videos.values().stream().filter(v -> videoId.equals(v.meta.getString("videoId", null)))
                .sorted(java.util.Comparator.comparing((Video v) -> v.created)).toList();
    }

    public boolean wasDeleted(String uid) {
        return deleted.contains(uid);
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Delivery> deliveries(String uid) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.uid().equals(uid)).toList();
        }
    }

    /**
     * The deliveries for this video once there are at least {@code count}: the server may apply
     * a webhook before the simulator has read its answer.
     */
    public List<Delivery> awaitDeliveries(String uid, int count) {
        Instant deadline = Instant.now().plusSeconds(10);
        List<Delivery> seen = deliveries(uid);
        while (seen.size() < count && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(50));
            seen = deliveries(uid);
        }
        return seen;
    }

    /** The video object Cloudflare would send as a webhook body for this video now. */
    public byte[] webhookBody(String uid) {
        return videoObject(videos.get(uid)).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code Webhook-Signature} as Cloudflare computes it. */
    public static String signature(byte[] body, String secret, Instant at) {
        String time = Long.toString(at.getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((time + ".").getBytes(StandardCharsets.UTF_8));
            return "time=" + time + ",sig1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers the video's current object as a signed webhook, as Cloudflare does when processing ends. */
    public Delivery sendWebhook(String uid) {
        Video video = videos.get(uid);
        byte[] body = webhookBody(uid);
        HttpRequest request = HttpRequest.newBuilder(webhookUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Webhook-Signature", signature(body, WEBHOOK_SECRET, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Delivery delivery;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            delivery = new Delivery(uid, video.state, response.statusCode(), response.body());
        } catch (IOException e) {
            delivery = new Delivery(uid, video.state, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = new Delivery(uid, video.state, -1, "interrupted");
        }
        deliveries.add(delivery);
        return delivery;
    }

    // ---- the API ----------------------------------------------------------------------

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + query), auth, body, exchange.getRemoteAddress().getPort()));
            Fault fault = faults.poll();
            if (!latency.isZero()) {
                sleep(latency);
            }
            if (fault != null) {
                if (!fault.delay().isZero()) {
                    sleep(fault.delay());
                } else {
                    if (fault.retryAfter() != null) {
                        exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
                    }
                    send(exchange, fault.status(), fault.body() == null ? errors(fault.status(), "Simulated failure") : fault.body());
                    return;
                }
            }
            boolean tusCreation = "POST".equals(exchange.getRequestMethod()) && query != null && query.contains("direct_user=true");
            if (!("Bearer " + API_TOKEN).equals(auth)) {
                send(exchange, tusCreation ? 401 : 403, errors(10000, "Authentication error"));
                return;
            }
            Matcher captionPath = CAPTIONS.matcher(exchange.getRequestURI().getPath());
            if (captionPath.matches()) {
                if (!ACCOUNT.equals(captionPath.group(1))) {
                    send(exchange, 403, errors(10000, "Authentication error"));
                } else {
                    captions(exchange, exchange.getRequestMethod(), captionPath.group(2), captionPath.group(3), body);
                }
                return;
            }
            Matcher downloads = DOWNLOADS.matcher(exchange.getRequestURI().getPath());
            if (downloads.matches()) {
                if (!ACCOUNT.equals(downloads.group(1))) {
                    send(exchange, 403, errors(10000, "Authentication error"));
                } else {
                    downloads(exchange, exchange.getRequestMethod(), downloads.group(2));
                }
                return;
            }
            Matcher m = API.matcher(exchange.getRequestURI().getPath());
            if (!m.matches()) {
                send(exchange, 404, errors(7003, "Could not route to " + exchange.getRequestURI().getPath()
                        + ", perhaps your object identifier is invalid?"));
                return;
            }
            if (!ACCOUNT.equals(m.group(1))) {
                send(exchange, 403, errors(10000, "Authentication error"));
                return;
            }
            String method = exchange.getRequestMethod();
            String sub = m.group(2);
            if ("direct_upload".equals(sub) && "POST".equals(method)) {
                directUpload(exchange, body);
            } else if ("copy".equals(sub) && "POST".equals(method)) {
                copy(exchange, body);
            } else if (sub == null && tusCreation) {
                tusCreate(exchange);
            } else if (sub != null && "GET".equals(method)) {
                Video video = videos.get(sub);
                if (video == null || deleted.contains(sub)) {
                    send(exchange, 404, errors(10003, "Not Found"));
                } else {
                    send(exchange, 200, envelope(videoObject(video)));
                }
            } else if (sub != null && "DELETE".equals(method)) {
                if (videos.get(sub) == null || !deleted.add(sub)) {
                    send(exchange, 404, errors(10003, "Not Found"));
                } else {
                    exchange.sendResponseHeaders(200, -1); // Cloudflare answers a delete with an empty 200
                }
            } else {
                send(exchange, 405, errors(10000, "Method not allowed"));
            }
        }
    }

    /**
     * {@code POST} asks for the MP4 (only of a video ready to stream) and, like {@code GET},
     * answers the download as it stands: asking again changes nothing, a failed one stays
     * failed until {@code DELETE} removes it. Processing takes a moment unless held.
     */
    private void downloads(HttpExchange exchange, String method, String uid) throws IOException {
        Video video = videos.get(uid);
        if (video == null || deleted.contains(uid)) {
            send(exchange, 404, errors(10003, "Not Found"));
            return;
        }
        switch (method) {
            case "POST" -> {
                if (!"ready".equals(video.state)) {
                    send(exchange, 400, errors(10005, "The video is not ready to stream yet"));
                    return;
                }
                synchronized (video) {
                    if (video.download == null) {
                        video.download = "inprogress";
                        video.downloadPercent = 0;
                        if (!holdDownloads) {
                            processing.schedule(() -> {
                                if ("inprogress".equals(video.download)) {
                                    finishDownload(uid);
                                }
                            }, 300, TimeUnit.MILLISECONDS);
                        }
                    }
                }
                send(exchange, 200, envelope(downloadsObject(video)));
            }
            case "GET" -> send(exchange, 200, envelope(downloadsObject(video)));
            case "DELETE" -> {
                video.download = null;
                send(exchange, 200, envelope(Json.createValue("ok")));
            }
            default -> send(exchange, 405, errors(10000, "Method not allowed"));
        }
    }

    /**
     * Captions as Cloudflare's reference has them (developers.cloudflare.com/api/resources/stream/
     * subresources/captions): {@code PUT …/captions/{language}} with a multipart form whose field
     * {@code file} is the WebVTT (or SRT) file, one per language, answering the caption
     * {@code {language, label, generated, status}}; {@code GET …/captions} lists them;
     * {@code DELETE …/captions/{language}} answers {@code result: ""}. The label is made from the
     * language, in that language ("A label is generated from the provided language").
     */
    private void captions(HttpExchange exchange, String method, String uid, String language, String body) throws IOException {
        Video video = videos.get(uid);
        if (video == null || deleted.contains(uid)) {
            send(exchange, 404, errors(10003, "Not Found"));
            return;
        }
        Map<String, String[]> ofVideo = captions.computeIfAbsent(uid, k -> new ConcurrentHashMap<>());
        if (language == null) {
            if (!"GET".equals(method)) {
                send(exchange, 405, errors(10000, "Method not allowed"));
                return;
            }
            var list = Json.createArrayBuilder();
            ofVideo.values().forEach(c -> list.add(parse(c[0])));
            send(exchange, 200, envelope(list.build()));
            return;
        }
        if (!language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            send(exchange, 400, errors(10005, "The language tag is not valid BCP 47"));
            return;
        }
        switch (method) {
            case "PUT" -> {
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                String file = contentType == null ? null : multipartField(contentType, body, "file");
                if (file == null) {
                    send(exchange, 400, errors(10005, "A caption file in the form field 'file' is required"));
                    return;
                }
                if (!(file.replace("\uFEFF", "").startsWith("WEBVTT") || file.matches("(?s).*\\d{2}:\\d{2}:\\d{2},\\d{3} --> .*"))) {
                    send(exchange, 400, errors(10005, "The caption file is not WebVTT or SRT"));
                    return;
                }
                java.util.Locale locale = java.util.Locale.forLanguageTag(language);
                String label = locale.getDisplayLanguage(locale);
                JsonObject caption = Json.createObjectBuilder().add("language", language)
                        .add("label", label.isEmpty() ? language : label.substring(0, 1).toUpperCase(locale) + label.substring(1))
                        .add("generated", false).add("status", "ready").build();
                ofVideo.put(language, new String[] {caption.toString(), file});
                send(exchange, 200, envelope(caption));
            }
            case "GET" -> {
                String[] caption = ofVideo.get(language);
                if (caption == null) {
                    send(exchange, 404, errors(10003, "Not Found"));
                } else {
                    send(exchange, 200, envelope(parse(caption[0])));
                }
            }
            case "DELETE" -> {
                if (ofVideo.remove(language) == null) {
                    send(exchange, 404, errors(10003, "Not Found"));
                } else {
                    send(exchange, 200, envelope(Json.createValue("")));
                }
            }
            default -> send(exchange, 405, errors(10000, "Method not allowed"));
        }
    }

    /** The text of one field of a multipart/form-data body (RFC 7578); null when there is none. */
    private static String multipartField(String contentType, String body, String name) {
        Matcher boundary = Pattern.compile("multipart/form-data;.*boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!boundary.find()) {
            return null;
        }
        String delimiter = "--" + boundary.group(1);
        for (String part : body.split(Pattern.quote(delimiter))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            if (Pattern.compile("(?i)content-disposition:\\s*form-data;.*\\bname=\"" + Pattern.quote(name) + "\"").matcher(headers).find()) {
                String content = part.substring(headersEnd + 4);
                return content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
            }
        }
        return null;
    }

    /** A video's captions as Cloudflare has them: language to file. */
    public Map<String, String> captionFiles(String uid) {
        Map<String, String> files = new java.util.TreeMap<>();
        captions.getOrDefault(uid, Map.of()).forEach((lang, c) -> files.put(lang, c[1]));
        return files;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    /** {@code result} of the downloads API: one key per download made, here only {@code default}. */
    private static JsonObject downloadsObject(Video video) {
        JsonObjectBuilder result = Json.createObjectBuilder();
        String status = video.download;
        if (status != null) {
            result.add("default", Json.createObjectBuilder()
                    .add("status", status)
                    .add("url", "https://customer-" + CUSTOMER_CODE + ".cloudflarestream.com/" + video.uid + "/downloads/default.mp4")
                    .add("percentComplete", video.downloadPercent));
        }
        return result.build();
    }

    // ---- the customer subdomain ---------------------------------------------------------

    private void customerDomain(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            int status = customer(exchange, path, query);
            customerRequests.add(new CustomerRequest(path, query, status));
        }
    }

    private int customer(HttpExchange exchange, String path, String query) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        Matcher m = CUSTOMER_PATH.matcher(path);
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            return plain(exchange, 405, "method not allowed");
        }
        if (!m.matches()) {
            return plain(exchange, 404, "not found");
        }
        String what = m.group(2);
        boolean download = what.startsWith("downloads/");
        StreamTokenCheck.Outcome access = tokens.check(m.group(1), uid -> deleted.contains(uid) ? null : videos.get(uid),
                download, exchange.getRemoteAddress().getAddress().getHostAddress());
        if (!access.allowed()) {
            return plain(exchange, access.status(), access.why());
        }
        Video video = access.video();
        if (!"ready".equals(video.state)) {
            return plain(exchange, 404, "the video is not ready");
        }
        if (download) {
            if (!"ready".equals(video.download)) {
                return plain(exchange, 404, "no MP4 has been made of this video");
            }
            return bytes(exchange, "video/mp4", video.received());
        }
        boolean animated = what.endsWith(".gif");
        Thumbnails.Request request;
        try {
            request = Thumbnails.Request.of(query, animated);
            if (request.time() > DURATION) {
                throw new Thumbnails.BadRequest("time is beyond the video's end");
            }
        } catch (Thumbnails.BadRequest e) {
            return plain(exchange, 400, e.getMessage());
        }
        int[] size = request.size(WIDTH, HEIGHT);
        return animated
                ? bytes(exchange, "image/gif", Thumbnails.gif(size[0], size[1], request.frames(DURATION), request.fps()))
                : bytes(exchange, "image/jpeg", Thumbnails.jpeg(size[0], size[1]));
    }

    private static int plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        return status;
    }

    private static int bytes(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        return 200;
    }

    private void directUpload(HttpExchange exchange, String body) throws IOException {
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (RuntimeException e) {
            send(exchange, 400, errors(10005, "Invalid JSON"));
            return;
        }
        if (!request.containsKey("maxDurationSeconds") || request.getInt("maxDurationSeconds", 0) < 1
                || request.getInt("maxDurationSeconds", 0) > 21600) {
            send(exchange, 400, errors(10005, "maxDurationSeconds must be between 1 and 21600"));
            return;
        }
        Instant expiry = Instant.now().plus(Duration.ofMinutes(30));
        if (request.containsKey("expiry")) {
            expiry = Instant.parse(request.getString("expiry"));
            Duration ahead = Duration.between(Instant.now(), expiry);
            if (ahead.compareTo(Duration.ofMinutes(1)) < 0 || ahead.compareTo(Duration.ofHours(6)) > 0) {
                send(exchange, 400, errors(10005, "expiry must be between 2 minutes and 6 hours from now"));
                return;
            }
        }
        Video video = new Video(newUid(), request.getJsonObject("meta") == null ? JsonValue.EMPTY_JSON_OBJECT
                : request.getJsonObject("meta"), request.getBoolean("requireSignedURLs", false), expiry);
        videos.put(video.uid, video);
        send(exchange, 200, envelope(Json.createObjectBuilder()
                .add("uploadURL", base + "/upload/" + video.uploadToken)
                .add("uid", video.uid)
                .add("watermark", JsonValue.NULL)
                .add("scheduledDeletion", JsonValue.NULL).build()));
    }

    /**
     * Upload via link ({@code POST …/stream/copy} with {@code url}, {@code meta},
     * {@code requireSignedURLs}: developers.cloudflare.com/stream/uploading-videos/upload-via-link):
     * answers the video object, {@code downloading}, with {@code meta.downloaded-from}; then
     * fetches the URL over HTTP as Stream does, and the video becomes ready (an MP4), errored
     * {@code ERR_NON_VIDEO} (anything else) or errored {@code ERR_FETCH_ORIGIN_ERROR} (the origin
     * failed), with the signed webhook (error codes: developers.cloudflare.com/stream/manage-video-library/using-webhooks).
     */
    private void copy(HttpExchange exchange, String body) throws IOException {
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (RuntimeException e) {
            send(exchange, 400, errors(10005, "Invalid JSON"));
            return;
        }
        URI url;
        try {
            url = URI.create(request.getString("url"));
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            send(exchange, 400, errors(10005, "url must be an http or https URL"));
            return;
        }
        JsonObjectBuilder meta = Json.createObjectBuilder(request.getJsonObject("meta") == null ? JsonValue.EMPTY_JSON_OBJECT
                : request.getJsonObject("meta")).add("downloaded-from", url.toString());
        Video video = new Video(newUid(), meta.build(), request.getBoolean("requireSignedURLs", false),
                Instant.now().plus(Duration.ofHours(6)));
        video.state = "downloading";
        video.uploaded = true;
        videos.put(video.uid, video);
        send(exchange, 200, envelope(videoObject(video)));
        processing.execute(() -> fetch(video, url));
    }

    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private void fetch(Video video, URI url) {
        byte[] file = null;
        try {
            HttpResponse<byte[]> response = fetcher.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                file = response.body();
            }
        } catch (IOException e) {
            // the origin failed: below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (file == null) {
            video.state = "error";
            video.errorCode = "ERR_FETCH_ORIGIN_ERROR";
            video.errorText = "The origin server did not provide the video.";
            video.modified = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (!loseWebhooks) {
                sendWebhook(video.uid);
            }
            return;
        }
        synchronized (video.received) {
            video.received.writeBytes(file);
        }
        process(video, isMp4(file));
    }

    /**
     * Direct creator upload with tus: {@code Tus-Resumable}, {@code Upload-Length} and the options
     * in {@code Upload-Metadata} (developers.cloudflare.com/stream/uploading-videos/direct-creator-uploads
     * and resumable-uploads); answers 201 with the one-time {@code Location} and {@code stream-media-id}.
     */
    private void tusCreate(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        if (!"1.0.0".equals(headers.getFirst("Tus-Resumable"))) {
            send(exchange, 400, errors(10005, "Tus-Resumable: 1.0.0 is required"));
            return;
        }
        long length;
        try {
            length = Long.parseLong(headers.getFirst("Upload-Length"));
            if (length < 0) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            send(exchange, 400, errors(10005, "Upload-Length is required"));
            return;
        }
        Map<String, String> metadata;
        try {
            metadata = metadata(headers.getFirst("Upload-Metadata"));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, errors(10005, "Upload-Metadata is malformed"));
            return;
        }
        Map<String, String> options = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonObjectBuilder meta = Json.createObjectBuilder();
        metadata.forEach((key, value) -> {
            if (TUS_OPTIONS.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                options.put(key, value);
            } else {
                meta.add(key, value); // arbitrary keys (and name) become the video's meta
            }
        });
        if (options.containsKey("maxDurationSeconds")) {
            int max;
            try {
                max = Integer.parseInt(options.get("maxDurationSeconds"));
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1 || max > 21600) {
                send(exchange, 400, errors(10005, "maxDurationSeconds must be between 1 and 21600"));
                return;
            }
        }
        Instant expiry = Instant.now().plus(Duration.ofMinutes(30));
        if (options.containsKey("expiry")) {
            try {
                expiry = Instant.parse(options.get("expiry"));
            } catch (RuntimeException e) {
                send(exchange, 400, errors(10005, "expiry must be an RFC 3339 time"));
                return;
            }
            Duration ahead = Duration.between(Instant.now(), expiry);
            if (ahead.compareTo(Duration.ofMinutes(1)) < 0 || ahead.compareTo(Duration.ofHours(6)) > 0) {
                send(exchange, 400, errors(10005, "expiry must be between 2 minutes and 6 hours from now"));
                return;
            }
        }
        Video video = new Video(newUid(), meta.build(), options.containsKey("requiresignedurls"), expiry);
        video.uploadLength = length;
        video.tusMetadata = Map.copyOf(metadata);
        videos.put(video.uid, video);
        exchange.getResponseHeaders().add("Tus-Resumable", "1.0.0");
        exchange.getResponseHeaders().add("Location", base + "/tus/" + video.uploadToken);
        exchange.getResponseHeaders().add("stream-media-id", video.uid);
        exchange.getResponseHeaders().add("Access-Control-Expose-Headers", "Location, stream-media-id");
        exchange.sendResponseHeaders(201, -1);
    }

    /** The Upload-Metadata keys Cloudflare reads as options rather than meta. */
    private static final Set<String> TUS_OPTIONS = Set.of("maxdurationseconds", "expiry", "requiresignedurls",
            "allowedorigins", "thumbnailtimestamppct", "watermark", "scheduleddeletion");

    private static Map<String, String> metadata(String header) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return result;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" ");
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("not key base64value");
            }
            result.put(parts[0], parts.length == 2
                    ? new String(java.util.Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    // ---- what the browser talks to ------------------------------------------------------

    /** The one-time basic upload URL: one multipart/form-data POST with the file in {@code file}. */
    private void basicUpload(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestURI().getPath().substring("/upload/".length());
            Video video = videos.values().stream().filter(v -> v.uploadToken.equals(token)).findFirst().orElse(null);
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, errors(10000, "Method not allowed"));
                return;
            }
            if (video == null || video.uploaded || Instant.now().isAfter(video.uploadExpiry)) {
                send(exchange, 400, errors(10005, "This upload URL is invalid or has already been used"));
                return;
            }
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
            if (!type.startsWith("multipart/form-data") || !boundary.find()) {
                send(exchange, 400, errors(10005, "Expected multipart/form-data"));
                return;
            }
            byte[] file = filePart(exchange.getRequestBody(), boundary.group(1));
            if (file == null) {
                send(exchange, 400, errors(10005, "The form has no field named file"));
                return;
            }
            video.uploaded = true;
            synchronized (video.received) {
                video.received.writeBytes(file);
            }
            process(video, isMp4(file));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** Cloudflare's chunk rules for tus: at least 5 MiB and a multiple of 256 KiB, except the last chunk. */
    static final int MIN_CHUNK = 5_242_880;
    static final int CHUNK_MULTIPLE = 256 * 1024;

    /**
     * The one-time tus upload URL, per tus 1.0.0: {@code OPTIONS}, {@code HEAD} (offset) and
     * {@code PATCH} (offset checked: 409; {@code Content-Type}: 415) until the length is reached.
     */
    private void tus(HttpExchange exchange) throws IOException {
        try (exchange) {
            var out = exchange.getResponseHeaders();
            out.add("Tus-Resumable", "1.0.0");
            out.add("Access-Control-Allow-Origin", "*");
            out.add("Access-Control-Expose-Headers", "Upload-Offset, Upload-Length, Tus-Resumable, Tus-Version, Location");
            String method = exchange.getRequestMethod();
            if ("OPTIONS".equals(method)) {
                out.add("Tus-Version", "1.0.0");
                out.add("Access-Control-Allow-Methods", "HEAD, PATCH, OPTIONS");
                out.add("Access-Control-Allow-Headers", "Tus-Resumable, Upload-Offset, Content-Type");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String token = exchange.getRequestURI().getPath().substring("/tus/".length());
            Video video = videos.values().stream().filter(v -> v.uploadToken.equals(token) && v.uploadLength >= 0)
                    .findFirst().orElse(null);
            if (video == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"1.0.0".equals(exchange.getRequestHeaders().getFirst("Tus-Resumable"))) {
                out.add("Tus-Version", "1.0.0");
                exchange.sendResponseHeaders(412, -1);
                return;
            }
            if (!video.uploaded && Instant.now().isAfter(video.uploadExpiry)) {
                exchange.sendResponseHeaders(410, -1);
                return;
            }
            if ("HEAD".equals(method)) {
                out.add("Upload-Offset", Long.toString(video.offset()));
                out.add("Upload-Length", Long.toString(video.uploadLength));
                out.add("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (!"PATCH".equals(method)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!"application/offset+octet-stream".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            long claimed;
            try {
                claimed = Long.parseLong(exchange.getRequestHeaders().getFirst("Upload-Offset"));
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] chunk = exchange.getRequestBody().readAllBytes(); // an aborted body throws: nothing is kept
            synchronized (video.received) {
                long offset = video.received.size();
                if (claimed != offset) {
                    exchange.sendResponseHeaders(409, -1);
                    return;
                }
                if (offset + chunk.length > video.uploadLength) {
                    exchange.sendResponseHeaders(413, -1);
                    return;
                }
                boolean last = offset + chunk.length == video.uploadLength;
                if (!last && (chunk.length < MIN_CHUNK || chunk.length % CHUNK_MULTIPLE != 0)) {
                    send(exchange, 400, errors(10005, "chunks must be at least 5242880 bytes and a multiple of 256 KiB"));
                    return;
                }
                video.received.writeBytes(chunk);
                out.add("Upload-Offset", Long.toString(video.received.size()));
                exchange.sendResponseHeaders(204, -1);
                if (last && !video.uploaded) {
                    video.uploaded = true;
                    process(video, isMp4(video.received.toByteArray()));
                }
            }
        }
    }

    /** Encoding takes a moment; then the video is ready (or errored) and the webhook goes out. */
    private void process(Video video, boolean isVideo) {
        video.state = "inprogress";
        video.modified = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        processing.schedule(() -> {
            if (isVideo) {
                video.state = "ready";
            } else {
                video.state = "error";
                video.errorCode = "ERR_NON_VIDEO";
                video.errorText = "The file was not recognized as a valid video file.";
            }
            video.modified = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (!loseWebhooks) {
                sendWebhook(video.uid);
            }
        }, 300, TimeUnit.MILLISECONDS);
    }

    /** Cloudflare's video object (developers.cloudflare.com/stream/manage-video-library/using-webhooks). */
    private JsonObject videoObject(Video video) {
        boolean ready = "ready".equals(video.state);
        String customer = "https://customer-" + CUSTOMER_CODE + ".cloudflarestream.com/" + video.uid;
        JsonObjectBuilder object = Json.createObjectBuilder()
                .add("uid", video.uid)
                .add("creator", JsonValue.NULL)
                .add("thumbnail", customer + "/thumbnails/thumbnail.jpg")
                .add("thumbnailTimestampPct", 0)
                .add("readyToStream", ready)
                .add("status", Json.createObjectBuilder()
                        .add("state", video.state)
                        .add("pctComplete", ready ? "100.000000" : "0.000000")
                        .add("errorReasonCode", video.errorCode)
                        .add("errorReasonText", video.errorText))
                .add("meta", video.meta)
                .add("created", video.created.toString())
                .add("modified", video.modified.toString())
                .add("size", 0)
                .add("preview", customer + "/watch")
                .add("allowedOrigins", Json.createArrayBuilder())
                .add("requireSignedURLs", video.requireSignedUrls)
                .add("uploaded", video.created.toString())
                .add("uploadExpiry", video.uploadExpiry.toString())
                .add("maxSizeBytes", JsonValue.NULL)
                .add("maxDurationSeconds", JsonValue.NULL)
                .add("duration", ready ? DURATION : -1)
                .add("input", Json.createObjectBuilder().add("width", ready ? WIDTH : -1).add("height", ready ? HEIGHT : -1))
                .add("playback", Json.createObjectBuilder()
                        .add("hls", customer + "/manifest/video.m3u8")
                        .add("dash", customer + "/manifest/video.mpd"))
                .add("watermark", JsonValue.NULL);
        return object.build();
    }

    private static String newUid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String envelope(JsonValue result) {
        return Json.createObjectBuilder().add("result", result).add("success", true)
                .add("errors", Json.createArrayBuilder()).add("messages", Json.createArrayBuilder()).build().toString();
    }

    /** Cloudflare's error envelope: {@code {"result": null, "success": false, "errors": [{code, message}], "messages": []}}. */
    public static String errors(int code, String message) {
        return Json.createObjectBuilder().add("result", JsonValue.NULL).add("success", false)
                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("code", code).add("message", message)))
                .add("messages", Json.createArrayBuilder()).build().toString();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] filePart(InputStream in, String boundary) throws IOException {
        byte[] body = in.readAllBytes();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = 0;
        while ((at = text.indexOf(delimiter, at)) >= 0) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (headersEnd < 0) {
                return null;
            }
            String headers = text.substring(at, headersEnd);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (next < 0) {
                return null;
            }
            if (headers.contains("name=\"file\"")) {
                return java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            }
            at = next + 2;
        }
        return null;
    }

    /** An ISO base media file starts with a box of type {@code ftyp}. */
    private static boolean isMp4(byte[] head) {
        return head.length >= 8 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp");
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
