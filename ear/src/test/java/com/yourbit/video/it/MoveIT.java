package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static com.yourbit.video.it.CloudflareFixture.CUSTOMER;
import static com.yourbit.video.it.CloudflareFixture.fetchFromCustomerDomain;
import static com.yourbit.video.it.CloudflareFixture.setSystemProperty;
import static com.yourbit.video.it.CloudflareFixture.verifiedClaims;
import static com.yourbit.video.it.MuxFixture.outcomes;
import static com.yourbit.video.it.MuxFixture.verifiedJwt;
import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.awaitProcessed;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sendForBytes;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving videos between providers (POST /api/admin/videos/{id}/move, bulk POST /api/admin/move,
 * GET /api/admin/moves) against the Mux and Cloudflare simulators: the new provider fetches the
 * video from a signed URL of the old one, the video keeps playing from the old one until the
 * new one reports ready, then plays from the new one and the old asset is deleted. The
 * simulators' MP4 hosts stand in for stream.mux.com and the Cloudflare customer domain
 * (download-url set to them while a test runs, as an operator could).
 */
class MoveIT extends WithMuxSimulator {

    private static final CloudflareSimulator CLOUDFLARE = CloudflareSimulator.start(Server.BASE);
    private static final String ADMIN = Server.jwt("mover-" + UUID.randomUUID(), "user", "admin");
    private static final String MUX_DOWNLOAD = "video.action-map.mux.download-url";
    private static final String CLOUDFLARE_DOWNLOAD = "video.action-map.cloudflare.download-url";
    private static final String INGEST_ALLOWED = "video.ingest.allowed-hosts";
    private static final String PUBLIC_URL = "video.action-map.local.public-url";
    /** What the build allows (IngestIT's origin), kept beside the simulators while a test runs. */
    private static final String ORIGIN_ALLOWED = "127.0.0.1:" + System.getProperty("it.origin.port");

    @ArquillianResource
    ManagementClient management;

    @BeforeEach
    void mp4HostsAtTheSimulators() throws IOException {
        setSystemProperty(management, MUX_DOWNLOAD, "http://localhost:" + System.getProperty("it.mux.port")
                + "/stream.mux.com/{playback_id}/highest.mp4");
        setSystemProperty(management, CLOUDFLARE_DOWNLOAD, "http://localhost:" + System.getProperty("it.cloudflare.port")
                + "/{token}/downloads/default.mp4");
        // This server downloads from the simulators on localhost, which the ingest policy refuses unless listed.
        setSystemProperty(management, INGEST_ALLOWED, ORIGIN_ALLOWED + ",localhost:" + System.getProperty("it.mux.port")
                + ",localhost:" + System.getProperty("it.cloudflare.port"));
    }

    @AfterEach
    void mp4HostsAsConfigured() throws IOException {
        setSystemProperty(management, MUX_DOWNLOAD, null);
        setSystemProperty(management, CLOUDFLARE_DOWNLOAD, null);
        setSystemProperty(management, INGEST_ALLOWED, ORIGIN_ALLOWED);
    }

    @Test
    void aVideoMovesLocalToMuxToCloudflareToLocalPlayableAtEveryStepAndTheOldAssetsAreDeleted() throws Exception {
        String token = userToken("moving-" + UUID.randomUUID());
        String id = readyLocalVideo(token, "on the move");
        HttpResponse<String> captioned = send(api("/api/videos/" + id + "/captions/en?label=English", token)
                .header("Content-Type", "text/vtt").PUT(HttpRequest.BodyPublishers.ofString(VTT)).build());
        assertThat(captioned.statusCode()).as(captioned.body()).isEqualTo(201);
        assertThat(caption(id, token).getString("status")).isEqualTo("ready");
        JsonObject atLocal = json(get("/api/videos/" + id, token));
        String localPlayback = playbackUrl(atLocal, token);

        // --- local -> Mux: Mux fetches the original through a signed URL of this server.
        JsonObject move = startMove(id, "mux");
        assertThat(move.getString("from")).isEqualTo("local");
        assertThat(move.getString("to")).isEqualTo("mux");
        // The simulator downloads the input and reports created, then ready, as Mux does.
        JsonObject atMux = await("the video at Mux", () -> json(get("/api/videos/" + id, token)),
                v -> v.getString("provider").equals("mux"));
        String muxAsset = mux.assetsFromUrlFor(id).get(0);
        MuxSimulator.Request created = mux.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/video/v1/assets")).reduce((a, b) -> b).orElseThrow();
        assertThat(created.body()).contains("/media/" + id + "/original?token=");
        assertThat(moveOf(id).getString("source")).isEqualTo("original");
        assertThat(atMux.getString("provider")).isEqualTo("mux");
        assertThat(atMux.getString("status")).isEqualTo("ready");
        assertThat(atMux.getString("uploadId")).isEqualTo(muxAsset);
        String muxPlayback = mux.asset(muxAsset).getJsonArray("playback_ids").getJsonObject(0).getString("id");
        assertThat(atMux.getString("playbackId")).isEqualTo(muxPlayback);
        assertThat(atMux.getString("createdAt")).isEqualTo(atLocal.getString("createdAt"));
        JsonObject done = await("move to Mux done and the local asset deleted", () -> moveOf(id),
                m -> m.getString("state").equals("done") && m.getString("cleanup").equals("done"));
        assertThat(done.get("reason")).isEqualTo(JsonValue.NULL);
        assertThat(done.getBoolean("captionsPending")).isFalse();
        // The caption moved with it: Mux was given our caption file and reports the track ready.
        await("the caption ready at Mux", () -> caption(id, token), c -> c.getString("status").equals("ready"));
        JsonObject track = mux.textTracks(muxAsset).get(0);
        assertThat(track.getString("language_code")).isEqualTo("en");
        assertThat(track.getString("name")).isEqualTo("English");
        assertThat(track.getString("status")).isEqualTo("ready");
        assertThat(mux.trackFetches()).anySatisfy(f -> assertThat(f.body()).isEqualTo("200 " + VTT));
        // The old local media are no longer served: the original's signed URL from before answers 404.
        assertThat(sendForBytes(HttpRequest.newBuilder(URI.create(Server.originalOf(localPlayback))).build())
                .statusCode()).isIn(401, 404);

        // Playable at Mux: a signed playback URL of the new playback id that Mux's hosts accept.
        String playback = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        assertThat(playback).startsWith("https://stream.mux.com/" + muxPlayback + ".m3u8?token=");
        JsonObject[] jwt = verifiedJwt(playback.substring(playback.indexOf("token=") + 6));
        assertThat(jwt[1].getString("sub")).isEqualTo(muxPlayback);
        assertThat(jwt[1].getString("aud")).isEqualTo("v");
        mux.readyStaticRenditions(muxAsset);
        assertThat(outcomes(mux.deliver(mux.staticRenditionEvent("video.asset.static_rendition.ready", muxAsset,
                "highest.mp4")))).containsExactly("applied");
        HttpResponse<byte[]> mp4 = sendForBytes(HttpRequest.newBuilder(mux.cdnUrl("https://stream.mux.com/" + muxPlayback
                + "/highest.mp4?" + playback.substring(playback.indexOf("token=")))).build());
        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(mp4.body()).as("Mux has the very file that was uploaded here").isEqualTo(sample());

        // --- Mux -> Cloudflare: Cloudflare copies Mux's MP4 (the best Mux has: its highest static rendition).
        startMove(id, "cloudflare");
        JsonObject atCloudflare = await("the video at Cloudflare", () -> json(get("/api/videos/" + id, token)),
                v -> v.getString("provider").equals("cloudflare"));
        String uid = atCloudflare.getString("uploadId");
        CloudflareSimulator.Video copy = CLOUDFLARE.video(uid);
        assertThat(copy.meta.getString("downloaded-from")).contains("/stream.mux.com/" + muxPlayback + "/highest.mp4?token=");
        assertThat(copy.received()).isEqualTo(sample());
        assertThat(atCloudflare.getString("status")).isEqualTo("ready");
        await("move to Cloudflare done and the Mux asset deleted", () -> moveOf(id),
                m -> m.getString("state").equals("done") && m.getString("cleanup").equals("done"));
        assertThat(mux.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/video/v1/assets/" + muxAsset);
        });
        assertThat(mux.asset(muxAsset)).isNull();

        // Playable at Cloudflare: the playback token names the new video, and its customer domain accepts the URLs.
        String cfPlayback = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        assertThat(cfPlayback).startsWith(CUSTOMER);
        String cfToken = cfPlayback.substring(CUSTOMER.length(), cfPlayback.indexOf('/', CUSTOMER.length()));
        assertThat(verifiedClaims(cfToken).getString("sub")).isEqualTo(uid);
        String thumbnail = json(get("/api/videos/" + id + "/thumbnail", token)).getString("url");
        assertThat(fetchFromCustomerDomain(thumbnail).statusCode()).isEqualTo(200);
        assertThat(CLOUDFLARE.captionFiles(uid)).containsKey("en");
        assertThat(CLOUDFLARE.captionFiles(uid).get("en")).contains("Hello from every provider");
        await("the caption ready at Cloudflare", () -> caption(id, token), c -> c.getString("status").equals("ready"));

        // A late, repeated report of the old provider changes nothing now.
        JsonObject settled = json(get("/api/videos/" + id, token));
        HttpResponse<String> late = mux.deliver(lateMuxReady(muxAsset, id));
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(json(get("/api/videos/" + id, token))).isEqualTo(settled);

        // --- Cloudflare -> local: Cloudflare makes its MP4 first (the move waits for it), then this server downloads it.
        CLOUDFLARE.holdDownloads(true);
        try {
            startMove(id, "local");
            await("the move waiting for Cloudflare's MP4", () -> moveOf(id), m -> m.getString("state").equals("waiting_for_source"));
            // Meanwhile the video plays from Cloudflare, untouched but for the MP4 it asked Cloudflare for.
            JsonObject waiting = json(get("/api/videos/" + id, token));
            assertThat(waiting.getString("download")).isEqualTo("preparing");
            assertThat(withoutDownload(waiting)).isEqualTo(withoutDownload(settled));
            assertThat(fetchFromCustomerDomain(json(get("/api/videos/" + id + "/thumbnail", token)).getString("url"))
                    .statusCode()).isEqualTo(200);
            CLOUDFLARE.finishDownload(uid);
        } finally {
            CLOUDFLARE.holdDownloads(false);
        }
        JsonObject back = await("the video back here", () -> json(get("/api/videos/" + id, token)),
                v -> v.getString("provider").equals("local"));
        assertThat(back.getString("status")).isEqualTo("ready");
        assertThat(back.getString("uploadId")).isNotEqualTo(atLocal.getString("uploadId"));
        assertThat(CLOUDFLARE.downloadStatus(uid)).isEqualTo("ready");
        assertLocalPlays(id, token);
        HttpResponse<byte[]> original = sendForBytes(HttpRequest.newBuilder(URI.create(Server.originalOf(
                json(get("/api/videos/" + id + "/playback", token)).getString("url")))).build());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).as("the file Cloudflare served").isEqualTo(sample());
        JsonObject home = await("move back done and the Cloudflare video deleted", () -> moveOf(id),
                m -> m.getString("state").equals("done") && m.getString("cleanup").equals("done"));
        assertThat(home.getString("source")).isEqualTo("mp4");
        assertThat(CLOUDFLARE.wasDeleted(uid)).isTrue();
        JsonObject localCaption = await("the caption ready here", () -> caption(id, token),
                c -> c.getString("status").equals("ready"));
        HttpResponse<String> vtt = send(HttpRequest.newBuilder(URI.create(localCaption.getString("url"))).GET().build());
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.body()).contains("Hello from every provider");
    }

    @Test
    void aMoveWhoseTargetFailsLeavesTheVideoAsItWasAndSaysWhy() throws IOException {
        String token = userToken("stay-" + UUID.randomUUID());
        String id = readyLocalVideo(token, "staying");
        JsonObject before = json(get("/api/videos/" + id, token));

        // This server's public URL names a port nothing listens on: Mux cannot download the source.
        setSystemProperty(management, PUBLIC_URL, "http://localhost:1");
        String asset;
        JsonObject failed;
        try {
            startMove(id, "mux");
            asset = await("Mux asset made for the move", () -> mux.assetsFromUrlFor(id), a -> !a.isEmpty()).get(0);
            failed = await("the move failed and the half-made asset deleted", () -> moveOf(id),
                    m -> m.getString("state").equals("failed") && m.getString("cleanup").equals("done"));
        } finally {
            setSystemProperty(management, PUBLIC_URL, Server.BASE.toString());
        }
        assertThat(failed.getString("reason")).contains("mux").contains("Failed to download input file");
        assertThat(json(get("/api/videos/" + id, token))).isEqualTo(before);
        assertLocalPlays(id, token);
        assertThat(mux.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/video/v1/assets/" + asset);
        });
        // Failed is final: a new move may start, and this one goes through.
        assertThat(moveResponse(id, "{\"provider\":\"mux\"}").statusCode()).isEqualTo(202);
        await("the second move done", () -> moveOf(id), m -> m.getString("state").equals("done"));
        assertThat(json(get("/api/videos/" + id, token)).getString("provider")).isEqualTo("mux");
    }

    @Test
    void aBulkMoveQueuesThatManyAndShowsItsProgress() {
        String token = userToken("bulk-" + UUID.randomUUID());
        readyLocalVideo(token, "bulk one");
        readyLocalVideo(token, "bulk two");

        HttpResponse<String> queued = send(api("/api/admin/move", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"local\",\"to\":\"mux\",\"limit\":2}")).build());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String batch = json(queued).getString("batchId");
        assertThat(json(queued).getInt("queued")).isEqualTo(2);

        JsonObject progress = json(get("/api/admin/moves", ADMIN));
        assertThat(progress.getJsonObject("counts").keySet())
                .containsExactlyInAnyOrder("queued", "waiting_for_source", "ingesting", "done", "failed");
        List<JsonObject> ended = await("the batch done", () -> batch(batch),
                b -> b.size() == 2 && b.stream().allMatch(m -> m.getString("state").equals("done")
                        && m.getString("cleanup").equals("done")));
        assertThat(ended).allSatisfy(m -> {
            assertThat(m.getString("from")).isEqualTo("local");
            assertThat(m.getString("to")).isEqualTo("mux");
            // Any user's ready local videos are queued, so a video moved before may be among them.
            List<String> made = mux.assetsFromUrlFor(m.getString("videoId"));
            assertThat(made).isNotEmpty();
            assertThat(mux.asset(made.get(made.size() - 1))).as("the copy the video now plays").isNotNull();
        });
        assertThat(json(get("/api/admin/moves?state=done&limit=500", ADMIN)).getJsonArray("items")
                .getValuesAs(JsonValue::asJsonObject)).filteredOn(m -> batch.equals(m.getString("batchId", null))).hasSize(2);

        // Bounds and mistakes.
        assertProblem(bulk("{\"from\":\"local\",\"to\":\"mux\",\"limit\":0}"), 400, "INVALID_REQUEST");
        assertProblem(bulk("{\"from\":\"local\",\"to\":\"mux\",\"limit\":1001}"), 400, "INVALID_REQUEST");
        assertProblem(bulk("{\"from\":\"local\",\"to\":\"mux\",\"limit\":\"10\"}"), 400, "INVALID_REQUEST");
        assertProblem(bulk("{\"from\":\"local\",\"to\":\"mux\"}"), 400, "INVALID_REQUEST");
        assertProblem(bulk("{\"from\":\"local\",\"to\":\"mux\",\"limit\":1,\"extra\":true}"), 400, "INVALID_REQUEST");
        assertProblem(bulk("{\"from\":\"nowhere\",\"to\":\"mux\",\"limit\":1}"), 422, "UNKNOWN_PROVIDER");
        assertProblem(bulk("{\"from\":\"mux\",\"to\":\"mux\",\"limit\":1}"), 422, "INVALID_MOVE_TARGET");
        assertProblem(bulk("[1]"), 400);
        assertProblem(get("/api/admin/moves?state=moving", ADMIN), 400, "INVALID_REQUEST");
        assertProblem(get("/api/admin/moves?limit=0", ADMIN), 400, "INVALID_REQUEST");
    }

    @Test
    void movesAnswerTheAdminConventions() {
        String owner = userToken("owner-" + UUID.randomUUID());
        String preparing = createVideo(owner, "not yet").getString("id");

        // Who may ask.
        assertProblem(send(api("/api/admin/videos/" + preparing + "/move", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"mux\"}")).build()), 401);
        assertProblem(send(api("/api/admin/videos/" + preparing + "/move", owner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"mux\"}")).build()), 403);
        assertProblem(send(api("/api/admin/move", owner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"local\",\"to\":\"mux\",\"limit\":1}")).build()), 403);
        assertProblem(get("/api/admin/moves", owner), 403);
        assertProblem(get("/api/admin/moves", null), 401);

        // Which video, where to.
        assertProblem(moveResponse(UUID.randomUUID().toString(), "{\"provider\":\"mux\"}"), 404, "VIDEO_NOT_FOUND");
        assertProblem(moveResponse("1-1-1-1-1", "{\"provider\":\"mux\"}"), 404, "VIDEO_NOT_FOUND");
        assertProblem(moveResponse(preparing, "{\"provider\":\"mux\"}"), 409, "VIDEO_NOT_READY");
        assertProblem(moveResponse(preparing, "{\"provider\":\"nowhere\"}"), 422, "UNKNOWN_PROVIDER");
        assertProblem(moveResponse(preparing, "{\"provider\":\"local\"}"), 422, "INVALID_MOVE_TARGET");
        assertProblem(moveResponse(preparing, "{}"), 400, "INVALID_REQUEST");
        assertProblem(moveResponse(preparing, "{\"provider\":7}"), 400, "INVALID_REQUEST");
        assertProblem(moveResponse(preparing, "{\"provider\":\"mux\""), 400);
        assertProblem(moveResponse(preparing, "{\"provider\":\"mux\",\"provider\":\"cloudflare\"}"), 400, "INVALID_REQUEST");
        assertProblem(send(api("/api/admin/videos/" + preparing + "/move", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"" + "m".repeat(100_000) + "\"}")).build()), 413);

        // One active move per video.
        String ready = readyLocalVideo(owner, "once at a time");
        mux.delayNext(Duration.ofSeconds(2)); // Mux answers the ingest slowly: the move is under way meanwhile
        assertThat(moveResponse(ready, "{\"provider\":\"mux\"}").statusCode()).isEqualTo(202);
        assertProblem(moveResponse(ready, "{\"provider\":\"cloudflare\"}"), 409, "MOVE_IN_PROGRESS");
        await("the move done", () -> moveOf(ready), m -> m.getString("state").equals("done"));
        assertThat(json(get("/api/videos/" + ready, owner)).getString("provider")).isEqualTo("mux");
    }

    // --- helpers ---

    private static final String VTT = "WEBVTT\n\n00:00.000 --> 00:01.500\nHello from every provider\n";

    /** A video's JSON but for its MP4's state and the time of its last change. */
    private static JsonObject withoutDownload(JsonObject video) {
        return jakarta.json.Json.createObjectBuilder(video).remove("download").remove("updatedAt").build();
    }

    /** The video's one caption, as the owner lists it. */
    private static JsonObject caption(String id, String token) {
        HttpResponse<String> response = get("/api/videos/" + id + "/captions", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonObject> items = json(response).getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String readyLocalVideo(String token, String title) {
        JsonObject video = createVideo(token, title);
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 204);
        JsonObject processed = awaitProcessed(video.getString("id"), token);
        assertThat(processed.getString("status")).as(processed.toString()).isEqualTo("ready");
        // The pipeline's MP4 and storyboard come after ready: waited for, so that the video no longer changes by itself.
        await("the MP4 and storyboard of " + title, () -> json(get("/api/videos/" + video.getString("id"), token)),
                v -> v.getString("download").equals("ready") && v.getBoolean("storyboard"));
        return video.getString("id");
    }

    private static String playbackUrl(JsonObject video, String token) {
        return json(get("/api/videos/" + video.getString("id") + "/playback", token)).getString("url");
    }

    /** The local master playlist answers through the signed playback URL. */
    private static void assertLocalPlays(String id, String token) {
        String url = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        assertThat(url).startsWith(Server.BASE.toString());
        HttpResponse<String> playlist = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U");
    }

    private static HttpResponse<String> moveResponse(String id, String body) {
        return send(api("/api/admin/videos/" + id + "/move", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject startMove(String id, String provider) {
        HttpResponse<String> response = moveResponse(id, "{\"provider\":\"" + provider + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonObject move = json(response);
        assertThat(move.getString("videoId")).isEqualTo(id);
        assertThat(move.getString("state")).isEqualTo("queued");
        return move;
    }

    private static HttpResponse<String> bulk(String body) {
        return send(api("/api/admin/move", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The latest move of a video, as GET /api/admin/moves lists it. */
    private static JsonObject moveOf(String videoId) {
        return moves().stream().filter(m -> m.getString("videoId").equals(videoId)).findFirst()
                .orElseThrow(() -> new AssertionError("no move of video " + videoId));
    }

    private static List<JsonObject> batch(String batchId) {
        return moves().stream().filter(m -> batchId.equals(m.getString("batchId", null))).toList();
    }

    private static List<JsonObject> moves() {
        HttpResponse<String> response = get("/api/admin/moves?limit=500", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
    }

    /** The old provider's ready event once more, as Mux may repeat it (a new event id). */
    private static String lateMuxReady(String assetId, String videoId) {
        return "{\"type\":\"video.asset.ready\",\"id\":\"" + UUID.randomUUID() + "\",\"created_at\":\""
                + Instant.now() + "\",\"object\":{\"type\":\"asset\",\"id\":\"" + assetId + "\"},"
                + "\"environment\":{\"name\":\"Development\",\"id\":\"j0863n\"},\"data\":{\"id\":\"" + assetId
                + "\",\"status\":\"ready\",\"passthrough\":\"" + videoId + "\",\"duration\":23.8,\"aspect_ratio\":\"16:9\","
                + "\"playback_ids\":[{\"id\":\"latePlaybackId000000000000000000000000000000\",\"policy\":\"signed\"}]}}";
    }

    /** Polls every 100 ms for up to 60 s (a local video's ladder and two providers' round trips). */
    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }
}
