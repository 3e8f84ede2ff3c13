package com.yourbit.video.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.signedJwt;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outside attacks of the "safe to expose" review: every spelling of every API path without
 * the right role, tokens the policy refuses, bodies too big to read, and webhook floods.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String ADMIN = Server.jwt("sec-admin-" + UUID.randomUUID(), "user", "admin");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /**
     * One API call as the corpus sends it: what the rightful caller is answered when the
     * spelling reaches the resource (the probe: a harmless request), and the attack itself.
     */
    private record Route(String method, String path, String query, boolean admin,
                         String probeQuery, String probeContentType, int probeStatus, String probeCode,
                         String attackContentType, String attackBody) {
    }

    @Test
    void noSpellingOfAnApiPathReachesAResourceWithoutItsRole() {
        String victim = "victim-" + UUID.randomUUID();
        String victimToken = userToken(victim);
        String victimVideo = createVideo(victimToken, "victim's upload").getString("id");
        String missing = UUID.randomUUID().toString();
        String attacker = "nogroups-" + UUID.randomUUID();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no token", null);
        callers.put("user token", userToken("sec-user-" + UUID.randomUUID()));
        callers.put("token without groups", Server.jwt(attacker));
        callers.put("token with other groups", Server.jwt("sec-other-" + UUID.randomUUID(), "guest", "ADMIN"));

        List<Route> routes = List.of(
                new Route("GET", "/api/admin/config", "", true, "", null, 200, null, null, null),
                new Route("GET", "/api/admin/videos", "?status=preparing", true, "", null, 200, null, null, null),
                new Route("POST", "/api/admin/expire-stale", "?asOf=2099-01-01T00:00:00Z", true,
                        "?asOf=garbage", null, 400, "INVALID_REQUEST", null, null),
                new Route("POST", "/api/admin/videos/" + victimVideo + "/sync", "", true, "", null, 200, null, null, null),
                new Route("POST", "/api/videos", "", false, "", "text/plain", 415, null,
                        "application/json", "{\"title\":\"planted\"}"),
                new Route("GET", "/api/videos", "", false, "", null, 200, null, null, null),
                new Route("GET", "/api/videos/" + victimVideo, "", false, "", null, 200, null, null, null),
                new Route("GET", "/api/videos/" + victimVideo + "/playback", "", false, "", null, 409, "VIDEO_NOT_READY", null, null),
                new Route("GET", "/api/videos/" + victimVideo + "/thumbnail", "?width=64", false, "", null, 409, "VIDEO_NOT_READY", null, null),
                new Route("DELETE", "/api/videos/" + missing, "", false, "", null, 404, "VIDEO_NOT_FOUND", null, null),
                new Route("DELETE", "/api/videos/" + victimVideo, "", false, "", null, 0, null, null, null));

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes) {
            List<String> spellings = PathSpellings.of(route.path());
            assertThat(spellings).hasSizeGreaterThanOrEqualTo(30);
            for (String spelling : spellings) {
                boolean reaches = reachesResource(route, spelling, route.admin() ? ADMIN : victimToken);
                for (var caller : callers.entrySet()) {
                    if (!route.admin() && caller.getKey().equals("user token")) {
                        continue; // the user group may call the videos API
                    }
                    sent++;
                    RawHttp.Answer answer = attack(route, spelling, caller.getValue());
                    String where = route.method() + " " + spelling + route.query() + " (" + caller.getKey() + ")";
                    if (answer == null) {
                        continue; // the server closed the connection without an answer: nothing reached
                    }
                    if (answer.status() < 400 || answer.status() >= 500) {
                        failures.add(where + " answered " + answer.status() + ": " + abbreviate(answer.body()));
                        continue;
                    }
                    String type = answer.header("content-type");
                    if (!answer.body().isEmpty() && (type == null || !type.startsWith("application/problem+json"))) {
                        failures.add(where + " answered " + type + ": " + abbreviate(answer.body()));
                    }
                    if (reaches) {
                        int expected = caller.getValue() == null ? 401 : 403;
                        if (answer.status() != expected) {
                            failures.add(where + " reaches the resource but answered " + answer.status() + ", not " + expected);
                        }
                    }
                }
            }
        }
        assertThat(failures).as("of %d requests", sent).isEmpty();

        // Nothing changed: the victim's video is there and still waits for its upload; the
        // caller without groups planted nothing.
        JsonObject video = json(get("/api/videos/" + victimVideo, victimToken));
        assertThat(video.getString("status")).isEqualTo("preparing");
        List<JsonObject> all = json(get("/api/admin/videos?status=preparing&limit=100", ADMIN))
                .getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertThat(all).noneSatisfy(v -> assertThat(v.getString("owner")).isEqualTo(attacker));
    }

    private static boolean reachesResource(Route route, String spelling, String token) {
        if (route.probeStatus() == 0) {
            return false; // no harmless probe for this call: only the 4xx-and-unchanged checks apply
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        byte[] body = null;
        if (route.probeContentType() != null) {
            headers.put("Content-Type", route.probeContentType());
            body = "probe".getBytes(StandardCharsets.UTF_8);
        }
        RawHttp.Answer answer = sendOrNull(route.method(), spelling + route.probeQuery(), headers, body);
        if (answer == null || answer.status() != route.probeStatus()) {
            return false;
        }
        return route.probeCode() == null || answer.body().contains("\"code\":\"" + route.probeCode() + "\"");
    }

    private static RawHttp.Answer attack(Route route, String spelling, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] body = null;
        if (route.attackBody() != null) {
            headers.put("Content-Type", route.attackContentType());
            body = route.attackBody().getBytes(StandardCharsets.UTF_8);
        } else if (route.method().equals("POST")) {
            body = new byte[0];
        }
        return sendOrNull(route.method(), spelling + route.query(), headers, body);
    }

    private static RawHttp.Answer sendOrNull(String method, String target, Map<String, String> headers, byte[] body) {
        try {
            return RawHttp.send(method, target, headers, body);
        } catch (UncheckedIOException e) {
            if (e.getCause().getMessage() != null && e.getCause().getMessage().contains("without an answer")) {
                return null;
            }
            throw e;
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    // --- JWT policy ---------------------------------------------------------------------

    private static String claims(String user, String audience, long iat, long exp) {
        return "{\"iss\":\"https://dev.yourbit.local\"" + (audience == null ? "" : ",\"aud\":\"" + audience + "\"")
                + ",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\",\"groups\":[\"user\"],\"iat\":" + iat
                + ",\"exp\":" + exp + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    @Test
    void tokensOutsideThePolicyAreRefusedWith401AndCreateNothing() {
        long now = Instant.now().getEpochSecond();
        String user = "policy-" + UUID.randomUUID();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no audience", signedJwt(claims(user, null, now, now + 600)));
        refused.put("another audience", signedJwt(claims(user, "some-other-service", now, now + 600)));
        refused.put("issued an hour ahead", signedJwt(claims(user, Server.AUDIENCE, now + 3600, now + 7200)));
        refused.put("lifetime of two days", signedJwt(claims(user, Server.AUDIENCE, now, now + 2 * 86400)));
        refused.put("expired", signedJwt(claims(user, Server.AUDIENCE, now - 7200, now - 3600)));
        refused.put("user id of 300 characters", signedJwt(claims("u".repeat(300), Server.AUDIENCE, now, now + 600)));
        refused.put("not signed", Server.jwt(user, "user").replaceAll("\\.[^.]+$", ".AAAA"));
        for (var token : refused.entrySet()) {
            HttpResponse<String> create = Server.postJson("/api/videos", token.getValue(), "{\"title\":\"refused\"}");
            assertThat(create.statusCode()).as(token.getKey() + ": " + create.body()).isEqualTo(401);
            assertProblem(create, 401, "UNAUTHORIZED");
            assertThat(get("/api/videos", token.getValue()).statusCode()).as(token.getKey()).isEqualTo(401);
        }
        // A small clock skew is tolerated; the user made no video with any refused token.
        String skewed = signedJwt(claims(user, Server.AUDIENCE, now + 20, now + 600));
        assertThat(get("/api/videos", skewed).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/videos", skewed)).getJsonArray("items")).isEmpty();
        assertThat(get("/api/videos", signedJwt(claims("u".repeat(255), Server.AUDIENCE, now, now + 600))).statusCode())
                .isEqualTo(200);
    }

    // --- Bounded bodies -------------------------------------------------------------------

    /** Announces a huge body, sends a little, and expects the refusal before the rest. */
    private static RawHttp.Answer announceHuge(String target, Map<String, String> headers, long length) throws IOException {
        try (Socket socket = RawHttp.open()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.read(socket.getInputStream());
        }
    }

    @Test
    void bodiesOverTheirLimitAre413BeforeTheyAreRead() throws IOException {
        String token = userToken("big-" + UUID.randomUUID());
        RawHttp.Answer api = announceHuge("/api/videos", Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"), 100_000_000L);
        assertThat(api.status()).isEqualTo(413);
        assertThat(api.header("content-type")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"");

        RawHttp.Answer webhook = announceHuge("/webhooks/mux", Map.of("Content-Type", "application/json"), 100_000_000L);
        assertThat(webhook.status()).isEqualTo(413);
        assertThat(webhook.header("content-type")).startsWith("application/problem+json");
        assertThat(webhook.body()).contains("\"code\":\"WEBHOOK_TOO_LARGE\"");

        // Chunked, so no length to judge by: refused once the limit is passed, nothing created.
        byte[] title = ("{\"title\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> chunked = send(api("/api/videos", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(title))).build());
        assertProblem(chunked, 413, "REQUEST_TOO_LARGE");
        byte[] hook = new byte[2 << 20];
        java.util.Arrays.fill(hook, (byte) ' ');
        HttpResponse<String> chunkedHook = send(HttpRequest.newBuilder(Server.url("/webhooks/cloudflare"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(hook))).build());
        assertProblem(chunkedHook, 413, "WEBHOOK_TOO_LARGE");
        assertThat(json(get("/api/videos", token)).getJsonArray("items")).isEmpty();
    }

    @Test
    void noAnswerIsAnHtmlErrorPage() {
        List<String> targets = List.of("/%", "/api/%zz", "/api/videos/%c0%ae", "/webhooks/%", "/uploads/%ff%fe",
                "/media/..%2f..%2fetc/passwd", "/errors/unauthorized", "/errors/problem", "/nothing-here", "/admin/../../x");
        for (String target : targets) {
            RawHttp.Answer answer = sendOrNull("GET", target, Map.of(), null);
            if (answer == null) {
                continue;
            }
            assertThat(answer.status()).as(target).isBetween(400, 499);
            assertThat(answer.header("content-type")).as(target + ": " + answer.body())
                    .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(answer.body()).as(target).doesNotContain("<html", "Exception", "\tat ");
        }
    }

    @Test
    void theApplicationListenerSpeaksNoHttp2() {
        RawHttp.Answer answer = RawHttp.send("GET", "/api/videos", Map.of("Authorization", "Bearer " + userToken("h2c-" + UUID.randomUUID()),
                "Upgrade", "h2c", "HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA", "Connection", "Upgrade, HTTP2-Settings, close"), null);
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void requestHeadersAreBoundedAt64KiB() {
        String token = userToken("headers-" + UUID.randomUUID());
        RawHttp.Answer fits = RawHttp.send("GET", "/api/videos", Map.of("Authorization", "Bearer " + token,
                "X-Padding", "a".repeat(60_000)), null);
        assertThat(fits.status()).isEqualTo(200);
        RawHttp.Answer tooBig = RawHttp.send("GET", "/api/videos", Map.of("Authorization", "Bearer " + token,
                "X-Padding", "a".repeat(70_000)), null);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).isEmpty();
    }

    // --- Webhook floods -------------------------------------------------------------------

    @Test
    void unsignedWebhooksCostNoDatabaseWriteButAreCounted() {
        int before = json(get("/api/admin/config", ADMIN)).getJsonObject("rejectedWebhooks").getInt("total");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> forged = send(HttpRequest.newBuilder(Server.url(i % 2 == 0 ? "/webhooks/mux" : "/webhooks/cloudflare"))
                    .header("Content-Type", "application/json")
                    .header("Mux-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "00".repeat(32))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"video.asset.ready\",\"n\":" + i + "}")).build());
            assertProblem(forged, 401, "WEBHOOK_SIGNATURE_INVALID");
        }
        JsonObject report = json(get("/api/admin/config", ADMIN));
        List<JsonObject> stored = report.getJsonArray("latestWebhooks").getValuesAs(JsonValue::asJsonObject);
        assertThat(stored).noneSatisfy(r -> assertThat(r.getString("outcome")).isEqualTo("rejected"));
        JsonObject rejected = report.getJsonObject("rejectedWebhooks");
        assertThat(rejected.getInt("total") - before).isGreaterThanOrEqualTo(200);
        assertThat(rejected.getJsonArray("latest").getValuesAs(JsonValue::asJsonObject))
                .anySatisfy(r -> assertThat(r.getString("reason")).contains("signature"));
    }
}
