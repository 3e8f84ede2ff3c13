package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
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
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * MP4 downloads, storyboards and animated previews of Mux videos, through the public API,
 * against the Mux simulator: what the service asks Mux for, what it answers while Mux works,
 * and URLs the simulator's delivery hosts accept (tokens checked with the signing key's public
 * half, as Mux does).
 */
class MuxRenditionsIT extends WithMuxSimulator {

    private static final String STATIC_RENDITIONS = "/static-renditions";

    @Test
    void aNewVideosMp4Is409UntilMuxSaysItIsReadyThenASignedUrlMuxServes() throws Exception {
        String token = userToken("mux-" + UUID.randomUUID());
        Ready video = readyVideo(token, "holiday", false);
        JsonObject shown = json(get("/api/videos/" + video.id, token));
        assertThat(shown.getJsonArray("renditions")).hasSize(1);
        JsonObject top = shown.getJsonArray("renditions").getJsonObject(0);
        assertThat(top.getString("name")).isEqualTo("1080p");
        assertThat(top.getInt("width")).isEqualTo(1920);
        assertThat(top.getInt("height")).isEqualTo(1080);
        assertThat(shown.getString("download")).isEqualTo("preparing");
        assertThat(shown.getBoolean("storyboard")).isTrue();
        // The playback id is signed: no plain Mux URL (which Mux would refuse) anywhere in the video.
        assertThat(shown.get("thumbnailUrl")).isEqualTo(JsonValue.NULL);
        assertThat(get("/api/videos/" + video.id, token).body()).doesNotContain("mux.com");

        HttpResponse<String> pending = get("/api/videos/" + video.id + "/download", token);
        assertProblem(pending, 409, "DOWNLOAD_NOT_READY");
        assertThat(pending.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(posts(video.assetId)).as("the MP4 was asked for with the upload").isZero();

        mux.readyStaticRenditions(video.assetId);
        assertThat(outcomes(mux.deliver(mux.staticRenditionEvent("video.asset.static_rendition.ready", video.assetId,
                "highest.mp4")))).containsExactly("applied");
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("ready");

        long before = Instant.now().getEpochSecond();
        int callsBefore = mux.requests().size();
        JsonObject download = json(get("/api/videos/" + video.id + "/download?ttl=600", token));
        assertThat(mux.requests()).as("a ready MP4 needs no call to Mux").hasSize(callsBefore);
        String url = download.getString("url");
        assertThat(url).startsWith("https://stream.mux.com/" + video.playbackId + "/highest.mp4?token=");
        JsonObject[] jwt = verifiedJwt(tokenOf(url));
        assertThat(jwt[1].getString("aud")).isEqualTo("v");
        assertThat(jwt[1].getString("sub")).isEqualTo(video.playbackId);
        assertThat(jwt[1].getJsonNumber("exp").longValue()).isCloseTo(before + 600, within(5L));
        assertThat(Instant.parse(download.getString("expiresAt")).getEpochSecond()).isCloseTo(before + 600, within(5L));

        HttpResponse<byte[]> mp4 = Server.sendForBytes(HttpRequest.newBuilder(mux.cdnUrl(url)).build());
        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(mp4.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(mp4.body()).isEqualTo(Server.sample());

        // What Mux refuses: no token, a forged one, one for another kind of URL.
        String plain = url.substring(0, url.indexOf('?'));
        assertThat(status(mux.cdnUrl(plain))).isEqualTo(403);
        assertThat(status(mux.cdnUrl(url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA")))).isEqualTo(403);
        String storyboard = json(get("/api/videos/" + video.id + "/storyboard", token)).getString("url");
        assertThat(status(mux.cdnUrl(plain + "?token=" + tokenOf(storyboard)))).isEqualTo(403);
    }

    @Test
    void anAssetMadeBeforeMp4sGetsOneRequestedOnTheFirstAskAndIs409UntilReady() throws Exception {
        String token = userToken("mux-" + UUID.randomUUID());
        Ready video = readyVideo(token, "from before", true);
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("none");

        assertProblem(get("/api/videos/" + video.id + "/download", token), 409, "DOWNLOAD_NOT_READY");
        List<MuxSimulator.Request> asked = mux.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/video/v1/assets/" + video.assetId + STATIC_RENDITIONS))
                .toList();
        assertThat(asked).hasSize(1);
        assertThat(parse(asked.get(0).body())).isEqualTo(parse("{\"resolution\":\"highest\",\"passthrough\":\"" + video.id + "\"}"));
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("preparing");

        // Asking again while Mux makes it asks Mux nothing new.
        assertProblem(get("/api/videos/" + video.id + "/download", token), 409, "DOWNLOAD_NOT_READY");
        assertThat(posts(video.assetId)).isEqualTo(1);

        // The webhook went missing: an administrator's sync reads the asset and finds the MP4 ready.
        mux.readyStaticRenditions(video.assetId);
        HttpResponse<String> synced = send(api("/api/admin/videos/" + video.id + "/sync", Server.jwt("ops", "admin"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("ready");
        String url = json(get("/api/videos/" + video.id + "/download", token)).getString("url");
        assertThat(status(mux.cdnUrl(url))).isEqualTo(200);
    }

    @Test
    void anMp4ReadyBeforeItsAssetIsReadyEndsReadyInEitherOrder() {
        String token = userToken("mux-" + UUID.randomUUID());
        JsonObject video = createMuxVideo(token, "out of order");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        String assetReady = mux.assetEvent("video.asset.ready", assetId);
        mux.readyStaticRenditions(assetId);
        String mp4Ready = mux.staticRenditionEvent("video.asset.static_rendition.ready", assetId, "highest.mp4");

        // Before any event about the asset: the rendition's passthrough names the video.
        assertThat(outcomes(mux.deliver(mp4Ready))).containsExactly("applied");
        assertThat(outcomes(mux.deliver(assetReady))).containsExactly("applied");
        assertThat(outcomes(mux.deliver(mp4Ready))).containsExactly("duplicate");
        JsonObject after = json(get("/api/videos/" + video.getString("id"), token));
        assertThat(after.getString("status")).isEqualTo("ready");
        assertThat(after.getString("download")).isEqualTo("ready");
        assertThat(json(get("/api/videos/" + video.getString("id") + "/download", token)).getString("url"))
                .contains("/highest.mp4?token=");
    }

    @Test
    void anErroredMp4IsRemovedAndAskedForAgain() {
        String token = userToken("mux-" + UUID.randomUUID());
        Ready video = readyVideo(token, "errored mp4", false);
        String failedId = mux.asset(video.assetId).getJsonObject("static_renditions").getJsonArray("files")
                .getJsonObject(0).getString("id");
        mux.failStaticRendition(video.assetId, "errored");
        assertThat(outcomes(mux.deliver(mux.staticRenditionEvent("video.asset.static_rendition.errored", video.assetId,
                "highest.mp4")))).containsExactly("applied");
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("errored");

        assertProblem(get("/api/videos/" + video.id + "/download", token), 409, "DOWNLOAD_NOT_READY");
        assertThat(mux.requests()).anyMatch(r -> r.method().equals("DELETE")
                && r.path().equals("/video/v1/assets/" + video.assetId + STATIC_RENDITIONS + "/" + failedId));
        assertThat(posts(video.assetId)).isEqualTo(1);
        JsonObject again = mux.asset(video.assetId).getJsonObject("static_renditions").getJsonArray("files").getJsonObject(0);
        assertThat(again.getString("id")).isNotEqualTo(failedId);
        assertThat(again.getString("status")).isEqualTo("preparing");
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("preparing");
    }

    @Test
    void anMp4AnotherRequestAskedForMeanwhileIsTheAnswerNotAFailure() {
        String token = userToken("mux-" + UUID.randomUUID());
        Ready video = readyVideo(token, "two at once", true);
        // Between our read of the asset and our request, another one asks Mux for the same MP4.
        mux.beforeNext("POST", () -> mux.addStaticRendition(video.assetId, "highest"));

        assertProblem(get("/api/videos/" + video.id + "/download", token), 409, "DOWNLOAD_NOT_READY");
        assertThat(mux.asset(video.assetId).getJsonObject("static_renditions").getJsonArray("files")).hasSize(1);
        assertThat(json(get("/api/videos/" + video.id, token)).getString("download")).isEqualTo("preparing");
    }

    @Test
    void storyboardAndAnimatedPreviewsAreSignedForTheirAudienceWithTheParametersAsClaims() throws Exception {
        String token = userToken("mux-" + UUID.randomUUID());
        Ready video = readyVideo(token, "previews", false);

        String storyboard = json(get("/api/videos/" + video.id + "/storyboard?ttl=300", token)).getString("url");
        assertThat(storyboard).startsWith("https://image.mux.com/" + video.playbackId + "/storyboard.vtt?token=");
        JsonObject[] sb = verifiedJwt(tokenOf(storyboard));
        assertThat(sb[1].getString("aud")).isEqualTo("s");
        assertThat(sb[1].getString("sub")).isEqualTo(video.playbackId);
        HttpResponse<String> vtt = send(HttpRequest.newBuilder(mux.cdnUrl(storyboard)).build());
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.headers().firstValue("Content-Type").orElse("")).startsWith("text/vtt");
        assertThat(vtt.body()).startsWith("WEBVTT");

        String animated = json(get("/api/videos/" + video.id + "/animated?start=1&end=4.5&width=480&fps=12&format=webp",
                token)).getString("url");
        assertThat(animated).startsWith("https://image.mux.com/" + video.playbackId + "/animated.webp?token=");
        assertThat(animated.substring(animated.indexOf('?'))).doesNotContain("&");
        JsonObject claims = verifiedJwt(tokenOf(animated))[1];
        assertThat(claims.getString("aud")).isEqualTo("g");
        assertThat(claims.getJsonNumber("start").doubleValue()).isEqualTo(1.0);
        assertThat(claims.getJsonNumber("end").doubleValue()).isEqualTo(4.5);
        assertThat(claims.getInt("width")).isEqualTo(480);
        assertThat(claims.getInt("fps")).isEqualTo(12);
        assertThat(claims.containsKey("height")).isFalse();
        HttpResponse<byte[]> webp = Server.sendForBytes(HttpRequest.newBuilder(mux.cdnUrl(animated)).build());
        assertThat(webp.statusCode()).isEqualTo(200);
        assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");

        String gif = json(get("/api/videos/" + video.id + "/animated", token)).getString("url");
        assertThat(gif).contains("/animated.gif?token=");
        JsonObject defaults = verifiedJwt(tokenOf(gif))[1];
        assertThat(defaults.getInt("start")).isZero();
        assertThat(defaults.getInt("end")).isEqualTo(5);
        assertThat(defaults.getInt("width")).isEqualTo(320);
        assertThat(defaults.getInt("fps")).isEqualTo(15);
        assertThat(status(mux.cdnUrl(gif))).isEqualTo(200);

        // A storyboard's token does not open an animated image, nor the reverse.
        String gifPath = gif.substring(0, gif.indexOf('?'));
        assertThat(status(mux.cdnUrl(gifPath + "?token=" + tokenOf(storyboard)))).isEqualTo(403);
        assertThat(status(mux.cdnUrl(storyboard.substring(0, storyboard.indexOf('?')) + "?token=" + tokenOf(gif))))
                .isEqualTo(403);
    }

    @Test
    void animatedValuesOutsideMuxsLimitsOrTheVideoAre400AndOtherUsersSee404() {
        String token = userToken("mux-" + UUID.randomUUID());
        Ready video = readyVideo(token, "limits", false);
        for (String query : List.of("start=0&end=10.5", "start=2&end=2.1", "width=641", "height=641", "fps=31",
                "format=bmp", "start=30&end=32")) {
            assertProblem(get("/api/videos/" + video.id + "/animated?" + query, token), 400, "INVALID_REQUEST");
        }
        int calls = mux.requests().size();
        String stranger = userToken("mux-" + UUID.randomUUID());
        for (String call : List.of("download", "storyboard", "animated")) {
            assertProblem(get("/api/videos/" + video.id + "/" + call, stranger), 404, "VIDEO_NOT_FOUND");
        }
        assertThat(mux.requests()).as("nothing reaches Mux for another user's video").hasSize(calls);
    }

    /** A Mux video uploaded, its asset ready and announced; {@code beforeMp4s}: made as before static renditions. */
    private static Ready readyVideo(String token, String title, boolean beforeMp4s) {
        JsonObject video = createMuxVideo(token, title);
        if (beforeMp4s) {
            mux.dropStaticRenditionSettings(video.getString("uploadId"));
        }
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        JsonObject asset = mux.finishProcessing(assetId);
        assertThat(outcomes(mux.deliver(mux.assetEvent("video.asset.ready", assetId)))).containsExactly("applied");
        return new Ready(video.getString("id"), assetId, asset.getJsonArray("playback_ids").getJsonObject(0).getString("id"));
    }

    private record Ready(String id, String assetId, String playbackId) {
    }

    private static long posts(String assetId) {
        return mux.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/video/v1/assets/" + assetId + STATIC_RENDITIONS))
                .count();
    }

    private static int status(URI url) {
        return Server.sendForBytes(HttpRequest.newBuilder(url).build()).statusCode();
    }

    private static JsonObject parse(String body) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String tokenOf(String url) {
        return url.substring(url.indexOf("token=") + "token=".length());
    }
}
