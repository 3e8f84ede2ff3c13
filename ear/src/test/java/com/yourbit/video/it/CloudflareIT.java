package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.CloudflareFixture.UPLOAD_PROTOCOL;
import static com.yourbit.video.it.CloudflareFixture.awaitStatus;
import static com.yourbit.video.it.CloudflareFixture.create;
import static com.yourbit.video.it.CloudflareFixture.createResponse;
import static com.yourbit.video.it.CloudflareFixture.parse;
import static com.yourbit.video.it.CloudflareFixture.postFile;
import static com.yourbit.video.it.CloudflareFixture.setSystemProperty;
import static com.yourbit.video.it.CloudflareFixture.verifiedClaims;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloudflare Stream end to end over real HTTP: the service against the Cloudflare simulator
 * (API, one-time basic upload URL, processing, signed webhooks back to the service). The tus
 * flavour, the default, is {@link CloudflareTusIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudflareIT {

    private static final CloudflareSimulator CLOUDFLARE = CloudflareSimulator.start(Server.BASE);
    private static final String CUSTOMER = CloudflareFixture.CUSTOMER;

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** These tests cover basic uploads (CloudflareTusIT the default, tus). */
    @BeforeEach
    void basicUploads() throws IOException {
        setSystemProperty(management, UPLOAD_PROTOCOL, "post");
    }

    @AfterEach
    void noFaultLeftBehind() throws IOException {
        CLOUDFLARE.clearFaults();
        CLOUDFLARE.loseWebhooks(false);
        setSystemProperty(management, UPLOAD_PROTOCOL, null);
    }

    /** The status lookup recovers lost webhooks: through an admin sync, and in the stale-upload sweep. */
    @Test
    void aVideoWhoseWebhookWasLostIsRecoveredBySyncAndByTheSweepInsteadOfExpiring() throws Exception {
        String admin = Server.jwt("cf-admin-" + UUID.randomUUID(), "user", "admin");
        String token = userToken("cf-lost-" + UUID.randomUUID());
        CLOUDFLARE.loseWebhooks(true);
        JsonObject synced = create(token, "synced");
        JsonObject swept = create(token, "swept");
        for (JsonObject video : new JsonObject[]{synced, swept}) {
            assertThat(postFile(video.getJsonObject("upload").getString("url"), sample()).statusCode()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!("ready".equals(CLOUDFLARE.video(synced.getString("uploadId")).state())
                && "ready".equals(CLOUDFLARE.video(swept.getString("uploadId")).state())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(json(get("/api/videos/" + synced.getString("id"), token)).getString("status")).isEqualTo("preparing");

        HttpResponse<String> sync = send(Server.api("/api/admin/videos/" + synced.getString("id") + "/sync", admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        assertThat(json(sync).getJsonObject("video").getString("status")).isEqualTo("ready");

        // Days later the sweep finds the other one stale; Cloudflare says ready, so it is not expired.
        String later = Instant.now().plus(java.time.Duration.ofDays(3)).toString();
        HttpResponse<String> sweep = send(Server.api("/api/admin/expire-stale?asOf=" + later, admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(sweep.statusCode()).as(sweep.body()).isEqualTo(200);
        assertThat(json(sweep).getInt("recovered")).isGreaterThanOrEqualTo(1);
        JsonObject after = json(get("/api/videos/" + swept.getString("id"), token));
        assertThat(after.getString("status")).isEqualTo("ready");
        assertThat(after.getString("playbackId")).isEqualTo(swept.getString("uploadId"));
    }

    /**
     * A creation is one call to Cloudflare, the direct upload with its video's id, and the
     * REST client is kept with its connection: creations one after the other reach Cloudflare
     * over one TCP connection (a client or a connection per call adds a connect, at the real
     * Cloudflare also a TLS handshake, to every creation).
     */
    @Test
    void eachCreationIsOneCallToCloudflareOverKeptConnections() {
        String token = userToken("cf-" + UUID.randomUUID());
        int before = CLOUDFLARE.calls().size();
        List<String> ids = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonObject video = create(token, "one call " + i);
            ids.add(video.getString("id"));
            uids.add(video.getString("uploadId"));
        }
        List<CloudflareSimulator.Call> all = CLOUDFLARE.calls();
        // Any call about these videos: their ids travel in bodies, Cloudflare's uids in paths.
        List<CloudflareSimulator.Call> calls = all.subList(before, all.size()).stream()
                .filter(c -> ids.stream().anyMatch(c.body()::contains) || uids.stream().anyMatch(c.path()::contains))
                .toList();
        String directUpload = "POST /client/v4/accounts/" + CloudflareSimulator.ACCOUNT + "/stream/direct_upload";
        assertThat(calls).extracting(c -> c.method() + " " + c.path())
                .containsExactly(directUpload, directUpload, directUpload, directUpload);
        assertThat(calls).extracting(c -> parse(c.body()).getJsonObject("meta").getString("videoId")).containsExactlyElementsOf(ids);
        // A connection per call would show four ports. Two are allowed: the stale-upload sweep may
        // call the provider at the same moment, and the pool then opens a second connection.
        assertThat(calls.stream().map(CloudflareSimulator.Call::clientPort).distinct().count()).as("the client's ports of the four calls")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void anUploadBecomesReadyAndPlaysWithTokensSignedByTheStreamKey() throws Exception {
        String token = userToken("cf-" + UUID.randomUUID());
        JsonObject created = create(token, "holiday");
        String id = created.getString("id");
        String uid = created.getString("uploadId");
        assertThat(created.getString("provider")).isEqualTo("cloudflare");
        assertThat(created.getString("status")).isEqualTo("preparing");
        assertThat(created.getJsonObject("upload").getString("protocol")).isEqualTo("post");
        String uploadUrl = created.getJsonObject("upload").getString("url");
        assertThat(uploadUrl).startsWith("http://localhost:" + System.getProperty("it.cloudflare.port") + "/upload/");

        CloudflareSimulator.Call call = lastDirectUpload();
        assertThat(call.authorization()).isEqualTo("Bearer " + CloudflareSimulator.API_TOKEN);
        JsonObject request = parse(call.body());
        assertThat(request.getInt("maxDurationSeconds")).isPositive();
        assertThat(request.getBoolean("requireSignedURLs")).isTrue();
        assertThat(request.getJsonObject("meta").getString("videoId")).isEqualTo(id);
        assertThat(Instant.parse(request.getString("expiry"))).isAfter(Instant.now().plusSeconds(60));

        assertThat(postFile(uploadUrl, sample()).statusCode()).isEqualTo(200);
        JsonObject ready = awaitStatus(id, token, "ready");
        assertThat(ready.getString("playbackId")).isEqualTo(uid);
        assertThat(ready.getJsonNumber("durationSeconds").doubleValue()).isEqualTo(2.0);
        assertThat(ready.getString("aspectRatio")).isEqualTo("16:9");
        // The video requires signed URLs: Cloudflare's bare-uid thumbnail would be refused, so it is not shown.
        assertThat(ready.containsKey("thumbnailUrl") && !ready.isNull("thumbnailUrl")).as(ready.toString()).isFalse();
        assertThat(ready.toString()).doesNotContain("cloudflarestream.com");
        assertThat(ready.containsKey("upload") && !ready.isNull("upload")).isFalse();
        assertThat(CLOUDFLARE.awaitDeliveries(uid, 1)).extracting(CloudflareSimulator.Delivery::status).containsExactly(200);

        Instant before = Instant.now();
        JsonObject playback = json(get("/api/videos/" + id + "/playback?ttl=120", token));
        Matcher m = Pattern.compile(Pattern.quote(CUSTOMER) + "([^/]+)/manifest/video\\.m3u8").matcher(playback.getString("url"));
        assertThat(m.matches()).as(playback.getString("url")).isTrue();
        JsonObject claims = verifiedClaims(m.group(1));
        assertThat(claims.getString("sub")).isEqualTo(uid);
        assertThat(claims.getString("kid")).isEqualTo(CloudflareSimulator.SIGNING_KEY_ID);
        long exp = claims.getJsonNumber("exp").longValue();
        assertThat(exp).isBetween(before.getEpochSecond() + 119, Instant.now().getEpochSecond() + 121);
        assertThat(claims.getJsonNumber("nbf").longValue()).isLessThanOrEqualTo(Instant.now().getEpochSecond());
        assertThat(Instant.parse(playback.getString("expiresAt")).getEpochSecond()).isEqualTo(exp);

        JsonObject thumbnail = json(get("/api/videos/" + id + "/thumbnail?time=2&width=320", token));
        Matcher t = Pattern.compile(Pattern.quote(CUSTOMER) + "([^/]+)/thumbnails/thumbnail\\.jpg\\?time=2s&width=320")
                .matcher(thumbnail.getString("url"));
        assertThat(t.matches()).as(thumbnail.getString("url")).isTrue();
        assertThat(verifiedClaims(t.group(1)).getString("sub")).isEqualTo(uid);
    }

    @Test
    void webhooksWithAMissingWrongOrStaleSignatureAre401AndChangeNothing() {
        String token = userToken("cf-sig-" + UUID.randomUUID());
        JsonObject created = create(token, "guarded");
        String id = created.getString("id");
        byte[] body = readyObject(created.getString("uploadId"), id);

        assertProblem(webhook(body, null), 401);
        assertProblem(webhook(body, CloudflareSimulator.signature(body, "not-the-secret", Instant.now())), 401);
        assertProblem(webhook(body, CloudflareSimulator.signature(body, CloudflareSimulator.WEBHOOK_SECRET,
                Instant.now().minus(Duration.ofMinutes(10)))), 401);
        byte[] other = "{\"uid\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(webhook(body, CloudflareSimulator.signature(other, CloudflareSimulator.WEBHOOK_SECRET, Instant.now())), 401);
        assertProblem(webhook(body, "time=abc,sig1=zz"), 401);
        // Mux's header layout is not Cloudflare's.
        assertProblem(webhook(body, CloudflareSimulator.signature(body, CloudflareSimulator.WEBHOOK_SECRET, Instant.now())
                .replace("time=", "t=").replace("sig1=", "v1=")), 401);
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("preparing");

        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        assertProblem(webhook(notJson, CloudflareSimulator.signature(notJson, CloudflareSimulator.WEBHOOK_SECRET, Instant.now())), 400);
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("preparing");

        HttpResponse<String> accepted = webhook(body, CloudflareSimulator.signature(body, CloudflareSimulator.WEBHOOK_SECRET, Instant.now()));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("ready");
    }

    @Test
    void aRepeatedWebhookIsAppliedOnce() {
        String token = userToken("cf-twice-" + UUID.randomUUID());
        JsonObject created = create(token, "twice");
        String id = created.getString("id");
        String uid = created.getString("uploadId");
        postFile(created.getJsonObject("upload").getString("url"), sample());
        JsonObject ready = awaitStatus(id, token, "ready");
        assertThat(parse(CLOUDFLARE.awaitDeliveries(uid, 1).get(0).answer()).toString()).isEqualTo("{\"outcomes\":[\"applied\"]}");

        CloudflareSimulator.Delivery again = CLOUDFLARE.sendWebhook(uid);
        assertThat(again.status()).isEqualTo(200);
        assertThat(parse(again.answer()).toString()).isEqualTo("{\"outcomes\":[\"duplicate\"]}");
        assertThat(json(get("/api/videos/" + id, token)).getString("updatedAt")).isEqualTo(ready.getString("updatedAt"));
    }

    @Test
    void aFileCloudflareCannotEncodeEndsErroredWithItsReason() {
        String token = userToken("cf-bad-" + UUID.randomUUID());
        JsonObject created = create(token, "not a video");
        String id = created.getString("id");
        byte[] text = "this is a text file, not a video\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        assertThat(postFile(created.getJsonObject("upload").getString("url"), text).statusCode()).isEqualTo(200);

        JsonObject errored = awaitStatus(id, token, "errored");
        assertThat(errored.getString("errorReason"))
                .isEqualTo("ERR_NON_VIDEO: The file was not recognized as a valid video file.");
        assertProblem(get("/api/videos/" + id + "/playback", token), 409);
    }

    @Test
    void providerFailuresAre502Or503AndLeaveNoVideoBehind() {
        String token = userToken("cf-down-" + UUID.randomUUID());

        CLOUDFLARE.failNext(503, "7", CloudflareSimulator.errors(10002, "Service unavailable"));
        HttpResponse<String> unavailable = createResponse(token, "x");
        assertProblem(unavailable, 503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("7");

        CLOUDFLARE.failNext(429, "12", CloudflareSimulator.errors(10000, "Rate limited"));
        HttpResponse<String> limited = createResponse(token, "x");
        assertProblem(limited, 503);
        assertThat(limited.headers().firstValue("Retry-After")).contains("12");

        CLOUDFLARE.failNext(500, null, "<html>oops</html>");
        HttpResponse<String> broken = createResponse(token, "x");
        assertProblem(broken, 503);
        assertThat(broken.headers().firstValue("Retry-After")).isPresent();
        assertThat(broken.body()).doesNotContain("oops");

        CLOUDFLARE.failNext(403, null, CloudflareSimulator.errors(10000, "Authentication error"));
        HttpResponse<String> refused = createResponse(token, "x");
        assertProblem(refused, 502);
        assertThat(refused.body()).doesNotContain(CloudflareSimulator.API_TOKEN);

        CLOUDFLARE.failNext(200, null, CloudflareSimulator.errors(10005, "Invalid input"));
        assertProblem(createResponse(token, "x"), 502);

        CLOUDFLARE.stallNext(Duration.ofSeconds(5));
        assertProblem(createResponse(token, "x"), 503);

        assertThat(json(get("/api/videos", token)).getJsonArray("items")).isEmpty();
    }

    @Test
    void deletingAVideoDeletesItAtCloudflare() {
        String token = userToken("cf-del-" + UUID.randomUUID());
        JsonObject created = create(token, "short-lived");
        String id = created.getString("id");
        String uid = created.getString("uploadId");
        postFile(created.getJsonObject("upload").getString("url"), sample());
        awaitStatus(id, token, "ready");

        assertThat(send(Server.api("/api/videos/" + id, token).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(CLOUDFLARE.wasDeleted(uid)).isTrue();
        assertThat(CLOUDFLARE.calls()).anyMatch(c -> c.method().equals("DELETE")
                && c.path().equals("/client/v4/accounts/" + CloudflareSimulator.ACCOUNT + "/stream/" + uid));
        assertProblem(get("/api/videos/" + id, token), 404);

        // A video whose upload never came is removed at Cloudflare too.
        JsonObject pending = create(token, "never uploaded");
        assertThat(send(Server.api("/api/videos/" + pending.getString("id"), token).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(CLOUDFLARE.wasDeleted(pending.getString("uploadId"))).isTrue();
    }

    @Test
    void configurationAloneSendsNewUploadsToCloudflareWhileOlderVideosKeepTheirProvider() throws Exception {
        String token = userToken("cf-switch-" + UUID.randomUUID());
        JsonObject before = json(postJson("/api/videos", token, "{\"title\":\"before\"}"));
        assertThat(before.getString("provider")).isEqualTo("local");

        setVideoProvider("cloudflare");
        try {
            HttpResponse<String> response = postJson("/api/videos", token, "{\"title\":\"after\"}");
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(json(response).getString("provider")).isEqualTo("cloudflare");

            // The older video still uploads and plays through the local provider.
            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(before.getJsonObject("upload").getString("url")))
                    .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
            assertThat(put.statusCode()).isEqualTo(200);
            JsonObject older = Server.awaitProcessed(before.getString("id"), token);
            assertThat(older.getString("provider")).isEqualTo("local");
            assertThat(older.getString("status")).isEqualTo("ready");
            assertThat(json(get("/api/videos/" + before.getString("id") + "/playback", token)).getString("url"))
                    .startsWith(Server.BASE + "/media/");
        } finally {
            setVideoProvider(null);
        }
        assertThat(json(postJson("/api/videos", token, "{\"title\":\"back\"}")).getString("provider")).isEqualTo("local");
    }

    private void setVideoProvider(String value) throws IOException {
        setSystemProperty(management, "video.provider", value);
    }

    // ---- helpers ------------------------------------------------------------------------

    private static CloudflareSimulator.Call lastDirectUpload() {
        return CLOUDFLARE.calls().stream().filter(c -> c.path().endsWith("/stream/direct_upload"))
                .reduce((a, b) -> b).orElseThrow();
    }

    private static HttpResponse<String> webhook(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.url("/webhooks/cloudflare"))
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header("Webhook-Signature", signature);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A video object for a finished upload, in the shape of Cloudflare's webhook example. */
    private static byte[] readyObject(String uid, String videoId) {
        String base = CUSTOMER + uid;
        return Json.createObjectBuilder()
                .add("uid", uid)
                .add("thumbnail", base + "/thumbnails/thumbnail.jpg")
                .add("readyToStream", true)
                .add("status", Json.createObjectBuilder().add("state", "ready").add("pctComplete", "100.000000")
                        .add("errorReasonCode", "").add("errorReasonText", ""))
                .add("meta", Json.createObjectBuilder().add("videoId", videoId))
                .add("modified", Instant.now().toString())
                .add("duration", 5.5)
                .add("input", Json.createObjectBuilder().add("width", 1920).add("height", 1080))
                .add("playback", Json.createObjectBuilder().add("hls", base + "/manifest/video.m3u8")
                        .add("dash", base + "/manifest/video.mpd"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
