package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static com.yourbit.video.it.MuxFixture.createMuxVideo;
import static com.yourbit.video.it.MuxFixture.outcomes;
import static com.yourbit.video.it.MuxFixture.uploadFile;
import static com.yourbit.video.it.MuxFixture.verifiedJwt;
import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Mux provider against the Mux simulator, over real HTTP both ways: the service calls
 * the simulated API, the simulator delivers signed webhooks to {@code /webhooks/mux}.
 */
class MuxProviderIT extends WithMuxSimulator {

    @Test
    void fromUploadUrlToSignedPlaybackAndThumbnail() throws Exception {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "Holiday at Mux");
        String id = video.getString("id");
        assertThat(video.getString("provider")).isEqualTo("mux");
        assertThat(video.getString("status")).isEqualTo("preparing");
        assertThat(video.getJsonObject("upload").getString("protocol")).isEqualTo("put");
        String uploadId = video.getString("uploadId");

        // What the service asked Mux for: Basic auth, our id as passthrough, the configured policy.
        MuxSimulator.Request create = mux.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/video/v1/uploads")).reduce((a, b) -> b).orElseThrow();
        assertThat(create.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (MuxFixture.TOKEN_ID + ":" + MuxFixture.TOKEN_SECRET).getBytes(StandardCharsets.UTF_8)));
        JsonObject sent = parse(create.body());
        assertThat(sent.getJsonObject("new_asset_settings").getString("passthrough")).isEqualTo(id);
        assertThat(sent.getJsonObject("new_asset_settings").getJsonArray("playback_policies").getString(0)).isEqualTo("signed");
        assertThat(sent.getJsonObject("new_asset_settings").getJsonArray("static_renditions").getJsonObject(0))
                .isEqualTo(parse("{\"resolution\": \"highest\", \"passthrough\": \"" + id + "\"}"));
        assertThat(sent.getJsonObject("new_asset_settings").keySet()).doesNotContain("playback_policy", "mp4_support");
        assertThat(sent.getJsonObject("new_asset_settings").getString("video_quality")).isEqualTo("basic");
        assertThat(sent.getInt("timeout")).isEqualTo(3600);
        assertThat(sent.getString("cors_origin")).isEqualTo("*");
        assertThat(mux.upload(uploadId).getString("status")).isEqualTo("waiting");

        uploadFile(video);
        String assetId = mux.upload(uploadId).getString("asset_id");
        assertThat(outcomes(mux.deliver(mux.uploadEvent("video.upload.asset_created", uploadId)))).containsExactly("applied");
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("preparing");

        JsonObject asset = mux.finishProcessing(assetId);
        String playbackId = asset.getJsonArray("playback_ids").getJsonObject(0).getString("id");
        assertThat(outcomes(mux.deliver(mux.assetEvent("video.asset.ready", assetId)))).containsExactly("applied");

        JsonObject ready = json(get("/api/videos/" + id, token));
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getString("playbackId")).isEqualTo(playbackId);
        assertThat(ready.getJsonNumber("durationSeconds").doubleValue()).isEqualTo(23.857167);
        assertThat(ready.getString("aspectRatio")).isEqualTo("16:9");

        long before = Instant.now().getEpochSecond();
        JsonObject playback = json(get("/api/videos/" + id + "/playback?ttl=600", token));
        String url = playback.getString("url");
        assertThat(url).startsWith("https://stream.mux.com/" + playbackId + ".m3u8?token=");
        JsonObject[] jwt = verifiedJwt(url.substring(url.indexOf("token=") + 6));
        assertThat(jwt[0].getString("alg")).isEqualTo("RS256");
        assertThat(jwt[0].getString("kid")).isEqualTo(MuxFixture.SIGNING_KEY);
        assertThat(jwt[1].getString("sub")).isEqualTo(playbackId);
        assertThat(jwt[1].getString("aud")).isEqualTo("v");
        assertThat(jwt[1].getJsonNumber("exp").longValue()).isCloseTo(before + 600, within(5L));
        assertThat(Instant.parse(playback.getString("expiresAt")).getEpochSecond()).isCloseTo(before + 600, within(5L));

        String thumbnail = json(get("/api/videos/" + id + "/thumbnail?time=2&width=320", token)).getString("url");
        assertThat(thumbnail).startsWith("https://image.mux.com/" + playbackId + "/thumbnail.png?token=");
        assertThat(thumbnail).doesNotContain("time=").doesNotContain("width=");
        JsonObject[] thumb = verifiedJwt(thumbnail.substring(thumbnail.indexOf("token=") + 6));
        assertThat(thumb[0].getString("kid")).isEqualTo(MuxFixture.SIGNING_KEY);
        assertThat(thumb[1].getString("sub")).isEqualTo(playbackId);
        assertThat(thumb[1].getString("aud")).isEqualTo("t");
        assertThat(thumb[1].getJsonNumber("time").doubleValue()).isEqualTo(2.0);
        assertThat(thumb[1].getInt("width")).isEqualTo(320);
    }

    /**
     * A creation is one call to Mux, the direct upload with its video's id, and the REST client
     * is kept with its connection: creations one after the other reach Mux over one TCP
     * connection (a client or a connection per call adds a connect, at the real Mux also a TLS
     * handshake, to every creation).
     */
    @Test
    void eachCreationIsOneCallToMuxOverKeptConnections() {
        String token = userToken("mux-" + UUID.randomUUID());
        int before = mux.requests().size();
        List<String> ids = new ArrayList<>();
        List<String> uploadIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonObject video = createMuxVideo(token, "one call " + i);
            ids.add(video.getString("id"));
            uploadIds.add(video.getString("uploadId"));
        }
        List<MuxSimulator.Request> all = mux.requests();
        // Any call about these videos: their ids travel in bodies, Mux's upload ids in paths.
        List<MuxSimulator.Request> calls = all.subList(before, all.size()).stream()
                .filter(r -> ids.stream().anyMatch(r.body()::contains) || uploadIds.stream().anyMatch(r.path()::contains))
                .toList();
        assertThat(calls).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /video/v1/uploads", "POST /video/v1/uploads", "POST /video/v1/uploads", "POST /video/v1/uploads");
        assertThat(calls).extracting(r -> parse(r.body()).getJsonObject("new_asset_settings").getString("passthrough"))
                .containsExactlyElementsOf(ids);
        // A connection per call would show four ports. Two are allowed: the stale-upload sweep may
        // call the provider at the same moment, and the pool then opens a second connection.
        assertThat(calls.stream().map(MuxSimulator.Request::clientPort).distinct().count()).as("the client's ports of the four calls")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void forgedMissingAndStaleSignaturesAre401AndChangeNothing() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "signatures");
        String uploadId = video.getString("uploadId");
        uploadFile(video);
        String assetId = mux.upload(uploadId).getString("asset_id");
        mux.finishProcessing(assetId);
        String ready = mux.assetEvent("video.asset.ready", assetId);
        Instant now = Instant.now();

        assertProblem(mux.deliver(ready, null), 401);
        assertProblem(mux.deliver(ready, MuxSimulator.signature(ready, now, "not-the-secret")), 401);
        assertProblem(mux.deliver(ready, mux.signature(ready, now.minus(Duration.ofMinutes(6)))), 401);
        assertProblem(mux.deliver(ready, mux.signature(ready, now.plus(Duration.ofMinutes(6)))), 401);
        assertProblem(mux.deliver(ready.replace("\"ready\"", "\"readx\""), mux.signature(ready, now)), 401);
        assertProblem(mux.deliver(ready, "t=" + now.getEpochSecond()), 401);
        assertProblem(mux.deliver(ready, "garbage"), 401);
        assertThat(json(get("/api/videos/" + video.getString("id"), token)).getString("status")).isEqualTo("preparing");

        // The refused deliveries recorded nothing: the same event, properly signed, still applies.
        // Several v1 values (secret rotation) are accepted when one matches.
        String rotated = MuxSimulator.signature(ready, now, "old-secret") + ","
                + mux.signature(ready, now).substring(mux.signature(ready, now).indexOf("v1="));
        assertThat(outcomes(mux.deliver(ready, rotated))).containsExactly("applied");
        assertThat(json(get("/api/videos/" + video.getString("id"), token)).getString("status")).isEqualTo("ready");
    }

    @Test
    void aVerifiedBodyThatIsNotAMuxEventIs400() {
        String body = "{\"type\": \"video.asset.ready\", \"data\": {\"id\": \"../x\"}}";
        assertProblem(mux.deliver(body), 400);
        assertProblem(mux.deliver("not json"), 400);
    }

    @Test
    void aRepeatedDeliveryIsAppliedOnce() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "twice");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        String ready = mux.assetEvent("video.asset.ready", assetId);

        assertThat(outcomes(mux.deliver(ready))).containsExactly("applied");
        JsonObject first = json(get("/api/videos/" + video.getString("id"), token));
        assertThat(outcomes(mux.deliver(ready))).containsExactly("duplicate");
        JsonObject second = json(get("/api/videos/" + video.getString("id"), token));
        assertThat(second.getString("updatedAt")).isEqualTo(first.getString("updatedAt"));
        assertThat(second.getString("readyAt")).isEqualTo(first.getString("readyAt"));
    }

    /**
     * Deliveries that arrive together are applied in one transaction: each event is still
     * applied once, its repeat answered duplicate, each video ends ready whatever the order of
     * its two events, and every answer comes after its change is visible.
     */
    @Test
    void manyDeliveriesAtOnceAreEachAppliedOnceAndInAnyOrder() throws Exception {
        String token = userToken("mux-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonObject video = createMuxVideo(token, "together " + i);
            uploadFile(video);
            String uploadId = video.getString("uploadId");
            String assetId = mux.upload(uploadId).getString("asset_id");
            mux.finishProcessing(assetId);
            String ready = mux.assetEvent("video.asset.ready", assetId);
            ids.add(video.getString("id"));
            deliveries.addAll(List.of(ready, ready, mux.uploadEvent("video.upload.asset_created", uploadId)));
        }
        java.util.Collections.shuffle(deliveries, new java.util.Random(7));
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(deliveries.size());
        List<String> outcomes;
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String>>> answers = new ArrayList<>();
            for (String delivery : deliveries) {
                answers.add(senders.submit(() -> {
                    start.await();
                    return outcomes(mux.deliver(delivery));
                }));
            }
            start.countDown();
            outcomes = new ArrayList<>();
            for (java.util.concurrent.Future<List<String>> answer : answers) {
                outcomes.addAll(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(outcomes).hasSize(18);
        assertThat(outcomes.stream().filter("duplicate"::equals)).hasSize(6);
        // Each ready applied once; an asset_created that came after it changes nothing.
        assertThat(outcomes.stream().filter("applied"::equals).count()).isBetween(6L, 12L);
        assertThat(outcomes).allMatch(o -> List.of("applied", "duplicate", "unchanged").contains(o));
        for (String id : ids) {
            JsonObject after = json(get("/api/videos/" + id, token));
            assertThat(after.getString("status")).isEqualTo("ready");
            assertThat(after.isNull("playbackId")).isFalse();
        }
    }

    @Test
    void aRepeatedDeliveryWritesNoSecondReceipt() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "receipts");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        String ready = mux.assetEvent("video.asset.ready", assetId);
        String eventKey = parse(ready).getString("id");

        assertThat(outcomes(mux.deliver(ready))).containsExactly("applied");
        for (int i = 0; i < 3; i++) {
            assertThat(outcomes(mux.deliver(ready))).containsExactly("duplicate");
        }
        List<JsonObject> receipts = json(get("/api/admin/config", Server.jwt("ops-" + UUID.randomUUID(), "user", "admin")))
                .getJsonArray("latestWebhooks").getValuesAs(jakarta.json.JsonValue::asJsonObject).stream()
                .filter(r -> eventKey.equals(r.getString("eventKey", null))).toList();
        assertThat(receipts).singleElement().satisfies(r -> assertThat(r.getString("outcome")).isEqualTo("applied"));
    }

    @Test
    void aSignedUrlIsReusedWithinItsWindowWithItsRealExpiryAndSignedAnewWhenTheVideoChanged() throws Exception {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "reused");
        String id = video.getString("id");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        assertThat(outcomes(mux.deliver(mux.assetEvent("video.asset.ready", assetId)))).containsExactly("applied");

        JsonObject first = json(get("/api/videos/" + id + "/playback?ttl=600", token));
        Thread.sleep(1100); // a second later: a new signature would carry a later expiry
        JsonObject again = json(get("/api/videos/" + id + "/playback?ttl=600", token));
        assertThat(again.getString("url")).isEqualTo(first.getString("url"));
        assertThat(again.getString("expiresAt")).isEqualTo(first.getString("expiresAt"));
        String reusedToken = again.getString("url").substring(again.getString("url").indexOf("token=") + 6);
        assertThat(Instant.ofEpochSecond(verifiedJwt(reusedToken)[1].getJsonNumber("exp").longValue()))
                .isEqualTo(Instant.parse(again.getString("expiresAt")).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        // Other parameters are another URL.
        assertThat(json(get("/api/videos/" + id + "/playback?ttl=900", token)).getString("url")).isNotEqualTo(first.getString("url"));

        // The video changed (its MP4 became ready): signed anew, with an expiry from now.
        mux.readyStaticRenditions(assetId);
        assertThat(outcomes(mux.deliver(mux.staticRenditionEvent("video.asset.static_rendition.ready", assetId, "highest.mp4"))))
                .containsExactly("applied");
        JsonObject changed = json(get("/api/videos/" + id + "/playback?ttl=600", token));
        assertThat(changed.getString("url")).isNotEqualTo(first.getString("url"));
        assertThat(Instant.parse(changed.getString("expiresAt"))).isAfter(Instant.parse(first.getString("expiresAt")));

        // Deleted: no URL at all, reused or not.
        assertThat(send(api("/api/videos/" + id, token).DELETE().build()).statusCode()).isEqualTo(204);
        assertProblem(get("/api/videos/" + id + "/playback?ttl=600", token), 404, "VIDEO_NOT_FOUND");
    }

    @Test
    void readyBeforeAssetCreatedStillEndsReady() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "out of order");
        String uploadId = video.getString("uploadId");
        uploadFile(video);
        String assetCreated = mux.uploadEvent("video.upload.asset_created", uploadId);
        String assetId = mux.upload(uploadId).getString("asset_id");
        mux.finishProcessing(assetId);
        String ready = mux.assetEvent("video.asset.ready", assetId);

        assertThat(outcomes(mux.deliver(ready))).containsExactly("applied");
        assertThat(outcomes(mux.deliver(assetCreated))).containsExactly("unchanged");
        JsonObject after = json(get("/api/videos/" + video.getString("id"), token));
        assertThat(after.getString("status")).isEqualTo("ready");
        assertThat(after.isNull("playbackId")).isFalse();
    }

    @Test
    void anErroredAssetMakesTheVideoErrored() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "broken");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.failProcessing(assetId, "The file you provided was not a valid video");
        assertThat(outcomes(mux.deliver(mux.assetEvent("video.asset.errored", assetId)))).containsExactly("applied");
        assertThat(json(get("/api/videos/" + video.getString("id"), token)).getString("status")).isEqualTo("errored");
    }

    @Test
    void anEventForAnUnknownUploadIsRecordedAndAnswered2xx() {
        JsonObject elsewhere = uploadMadeElsewhere();
        send(HttpRequest.newBuilder(URI.create(elsewhere.getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build());
        String event = mux.uploadEvent("video.upload.asset_created", elsewhere.getString("id"));
        HttpResponse<String> response = mux.deliver(event);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(outcomes(response)).containsExactly("unknown_video");
        assertThat(outcomes(mux.deliver(event))).containsExactly("duplicate");
    }

    @Test
    void muxRefusingOrFailingACreateIs502Or503AndLeavesNoVideo() {
        String token = userToken("mux-" + UUID.randomUUID());

        mux.useCredentials(MuxFixture.TOKEN_ID, "revoked");
        try {
            HttpResponse<String> unauthorized = postJson("/api/videos", token, "{\"provider\":\"mux\"}");
            assertProblem(unauthorized, 502);
            assertThat(json(unauthorized).getString("code")).isEqualTo("PROVIDER_FAILED");
            assertThat(unauthorized.body()).doesNotContain(MuxFixture.TOKEN_SECRET).doesNotContain("Unauthorized request");
        } finally {
            mux.useCredentials(MuxFixture.TOKEN_ID, MuxFixture.TOKEN_SECRET);
        }

        mux.failNext(429);
        HttpResponse<String> limited = postJson("/api/videos", token, "{\"provider\":\"mux\"}");
        assertProblem(limited, 503);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");

        mux.failNext(500);
        HttpResponse<String> failed = postJson("/api/videos", token, "{\"provider\":\"mux\"}");
        assertProblem(failed, 503);
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();

        mux.delayNext(Duration.ofSeconds(6));
        HttpResponse<String> slow = postJson("/api/videos", token, "{\"provider\":\"mux\"}");
        assertProblem(slow, 503);
        assertThat(slow.headers().firstValue("Retry-After")).isPresent();

        assertThat(json(get("/api/videos", token)).getJsonArray("items")).isEmpty();
    }

    @Test
    void deletingAReadyVideoDeletesTheAssetAtMux() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "to delete");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        mux.deliver(mux.assetEvent("video.asset.ready", assetId));

        HttpResponse<String> deleted = send(api("/api/videos/" + video.getString("id"), token).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(mux.asset(assetId)).isNull();
        assertThat(get("/api/videos/" + video.getString("id"), token).statusCode()).isEqualTo(404);
    }

    @Test
    void deletingAVideoStillWaitingForBytesCancelsTheUpload() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "never uploaded");
        HttpResponse<String> deleted = send(api("/api/videos/" + video.getString("id"), token).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(mux.upload(video.getString("uploadId")).getString("status")).isEqualTo("cancelled");
    }

    @Test
    void aCancelledUploadExpiresTheVideo() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "cancelled");
        String uploadId = video.getString("uploadId");
        assertThat(send(muxApi("/video/v1/uploads/" + uploadId + "/cancel").PUT(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(200);
        assertThat(outcomes(mux.deliver(mux.uploadEvent("video.upload.cancelled", uploadId)))).containsExactly("applied");
        assertThat(json(get("/api/videos/" + video.getString("id"), token)).getString("status")).isEqualTo("expired");
    }

    private static JsonObject parse(String body) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Another Mux client (the dashboard, another service) creates an upload at Mux directly. */
    private static JsonObject uploadMadeElsewhere() {
        HttpResponse<String> created = send(muxApi("/video/v1/uploads").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"new_asset_settings\": {\"playback_policy\": [\"public\"]}, \"cors_origin\": \"*\"}")).build());
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created).getJsonObject("data");
    }

    private static HttpRequest.Builder muxApi(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + System.getProperty("it.mux.port") + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (MuxFixture.TOKEN_ID + ":" + MuxFixture.TOKEN_SECRET).getBytes(StandardCharsets.UTF_8)));
    }
}
