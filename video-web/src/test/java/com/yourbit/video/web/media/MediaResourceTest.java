package com.yourbit.video.web.media;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.MediaBusyException;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.MediaGrant;
import com.yourbit.video.api.hosted.UploadStoreException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static com.yourbit.video.web.media.MediaEndpoint.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MP4 download, storyboard and animated-preview endpoints of {@code /media}: which token
 * opens what, and what each answers, as a client sees it (in-memory dispatch).
 */
class MediaResourceTest {

    private static final String LOCAL = "11111111-1111-1111-1111-111111111111";
    private static final String OTHER_LOCAL = "22222222-2222-2222-2222-222222222222";
    private static final String CLOUDFLARE = "33333333-3333-3333-3333-333333333333";

    @TempDir
    Path dir;

    private final MediaEndpoint endpoint = new MediaEndpoint();
    private Path mp4;

    @BeforeEach
    void videos() throws Exception {
        endpoint.readyVideo(LOCAL, "local", "Holiday \"clip\" / été\r\nX-Evil: 1", 6.0);
        endpoint.readyVideo(OTHER_LOCAL, "local", "other", 6.0);
        endpoint.readyVideo(CLOUDFLARE, "cloudflare", "on cloudflare", 6.0);
        mp4 = Files.write(dir.resolve("download.mp4"), "0123456789".getBytes(StandardCharsets.US_ASCII));
        endpoint.media.downloads.put("upload-" + LOCAL, new MediaFile(mp4, "video/mp4", 10));
        endpoint.media.downloads.put("upload-" + OTHER_LOCAL, new MediaFile(mp4, "video/mp4", 10));
    }

    private static String body(MockHttpResponse response) {
        return new String(response.getOutput(), StandardCharsets.UTF_8);
    }

    private static String header(MockHttpResponse response, String name) {
        Object value = response.getOutputHeaders().getFirst(name);
        return value == null ? null : value.toString();
    }

    private static void assertProblem(MockHttpResponse response, int status, ErrorCode code) {
        assertThat(response.getStatus()).as(body(response)).isEqualTo(status);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        JsonObject problem = Json.createReader(new StringReader(body(response))).readObject();
        assertThat(problem.getString("code")).isEqualTo(code.code());
    }

    @Test
    void theDownloadIsAnAttachmentNamedSafelyAfterTheTitleAndTakesRanges() {
        String token = endpoint.token("play", LOCAL, MediaGrant.PLAYBACK);

        MockHttpResponse whole = endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + token));
        MockHttpResponse part = endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + token).header("Range", "bytes=2-5"));

        assertThat(whole.getStatus()).isEqualTo(200);
        assertThat(body(whole)).isEqualTo("0123456789");
        assertThat(header(whole, "Content-Type")).isEqualTo("video/mp4");
        assertThat(header(whole, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(whole, "Content-Disposition"))
                .isEqualTo("attachment; filename=\"Holiday clip ete X-Evil 1.mp4\"; "
                        + "filename*=UTF-8''Holiday%20clip%20%C3%A9t%C3%A9%20X-Evil%201.mp4");
        assertThat(part.getStatus()).isEqualTo(206);
        assertThat(body(part)).isEqualTo("2345");
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(header(part, "Content-Disposition")).startsWith("attachment;");
        MockHttpResponse outside = endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + token).header("Range", "bytes=50-"));
        assertProblem(outside, 416, ErrorCode.RANGE_NOT_SATISFIABLE);
        assertThat(header(outside, "Content-Disposition")).isNull();
    }

    @Test
    void mediaKeptElsewhereIsStreamedThroughAskingOnlyForTheRange() {
        byte[] stored = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        java.util.List<String> asked = new java.util.ArrayList<>();
        endpoint.media.downloads.put("upload-" + LOCAL, MediaFile.streamed("video/mp4", stored.length, (first, length) -> {
            asked.add(first + "+" + length);
            return new java.io.ByteArrayInputStream(stored, (int) first, (int) length);
        }));
        String token = endpoint.token("play", LOCAL, MediaGrant.PLAYBACK);

        MockHttpResponse whole = endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + token));
        MockHttpResponse part = endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + token).header("Range", "bytes=7-"));

        assertThat(whole.getStatus()).isEqualTo(200);
        assertThat(body(whole)).isEqualTo("abcdefghij");
        assertThat(part.getStatus()).isEqualTo(206);
        assertThat(body(part)).isEqualTo("hij");
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 7-9/10");
        assertThat(asked).containsExactly("0+10", "7+3");
        assertProblem(endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + token).header("Range", "bytes=10-")),
                416, ErrorCode.RANGE_NOT_SATISFIABLE);
    }

    @Test
    void theDownloadOpensOnlyWithAPlaybackTokenOfThatVideo() {
        String storyboard = endpoint.token("story", LOCAL, MediaGrant.STORYBOARD);
        String otherVideo = endpoint.token("other", OTHER_LOCAL, MediaGrant.PLAYBACK);
        String path = "/media/" + LOCAL + "/download.mp4";

        assertProblem(endpoint.send(get(path)), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get(path + "?token=forged")), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get(path + "?token=" + storyboard)), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        MockHttpResponse wrongVideo = endpoint.send(get(path + "?token=" + otherVideo));
        assertProblem(wrongVideo, 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertThat(header(wrongVideo, "WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void noDownloadYetOrNotALocalVideoIsNotFound() {
        endpoint.media.downloads.remove("upload-" + LOCAL);
        assertProblem(endpoint.send(get("/media/" + LOCAL + "/download.mp4?token=" + endpoint.token("p", LOCAL, MediaGrant.PLAYBACK))),
                404, ErrorCode.MEDIA_NOT_FOUND);
        assertProblem(endpoint.send(get("/media/" + CLOUDFLARE + "/download.mp4?token="
                + endpoint.token("c", CLOUDFLARE, MediaGrant.PLAYBACK))), 404, ErrorCode.MEDIA_NOT_FOUND);
        endpoint.preparingVideo("44444444-4444-4444-4444-444444444444");
        assertProblem(endpoint.send(get("/media/44444444-4444-4444-4444-444444444444/download.mp4?token="
                + endpoint.token("n", "44444444-4444-4444-4444-444444444444", MediaGrant.PLAYBACK))), 404, ErrorCode.MEDIA_NOT_FOUND);
    }

    @Test
    void aLocalStoryboardSignsItsSpriteWithTheStoryboardsOwnToken() throws Exception {
        Path vtt = Files.writeString(dir.resolve("storyboard.vtt"),
                "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nstoryboard.jpg#xywh=0,0,256,144\n\n"
                        + "00:00:01.000 --> 00:00:02.000\nstoryboard.jpg#xywh=256,0,256,144\n");
        endpoint.media.storyboards.put("upload-" + LOCAL + "/storyboard.vtt", new MediaFile(vtt, "text/vtt", Files.size(vtt)));
        String token = endpoint.token("sb.token-1", LOCAL, MediaGrant.STORYBOARD);

        MockHttpResponse response = endpoint.send(get("/media/" + LOCAL + "/storyboard.vtt?token=" + token));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).isEqualTo("text/vtt;charset=utf-8");
        assertThat(body(response)).isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n"
                + "storyboard.jpg?token=sb.token-1#xywh=0,0,256,144\n\n00:00:01.000 --> 00:00:02.000\n"
                + "storyboard.jpg?token=sb.token-1#xywh=256,0,256,144\n");
        assertThat(endpoint.videos.composedUntil).as("not composed").isEmpty();
    }

    @Test
    void aVideoWithoutAStoryboardOfItsOwnGetsTheComposedOneValidAsLongAsTheToken() {
        endpoint.videos.composed.put(com.yourbit.video.api.VideoId.of(CLOUDFLARE),
                "WEBVTT\n\n00:00:00.000 --> 00:00:06.000\nhttps://customer-x.cloudflarestream.com/t/thumbnails/thumbnail.jpg\n");
        String token = endpoint.token("cf", CLOUDFLARE, MediaGrant.STORYBOARD);

        MockHttpResponse response = endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.vtt?token=" + token));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).isEqualTo("text/vtt;charset=utf-8");
        assertThat(body(response)).contains("https://customer-x.cloudflarestream.com/t/thumbnails/thumbnail.jpg")
                .doesNotContain("token=cf");
        assertThat(endpoint.videos.composedUntil).containsExactly(MediaEndpoint.EXPIRES);
        assertThat(header(response, "Cache-Control")).isEqualTo("private, max-age=600");
    }

    /** Composing signs a URL per tile: the same token gets the same storyboard without signing again. */
    @Test
    void aComposedStoryboardIsComposedOncePerToken() {
        endpoint.videos.composed.put(com.yourbit.video.api.VideoId.of(CLOUDFLARE), "WEBVTT\n");
        String token = endpoint.token("cf", CLOUDFLARE, MediaGrant.STORYBOARD);
        String another = endpoint.token("cf2", CLOUDFLARE, MediaGrant.STORYBOARD);

        for (int i = 0; i < 5; i++) {
            assertThat(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.vtt?token=" + token)).getStatus()).isEqualTo(200);
        }
        assertThat(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.vtt?token=" + another)).getStatus()).isEqualTo(200);

        assertThat(endpoint.videos.composedUntil).hasSize(2);
    }

    @Test
    void noStoryboardToComposeIsNotFound() {
        String token = endpoint.token("cf", CLOUDFLARE, MediaGrant.STORYBOARD);
        assertProblem(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.vtt?token=" + token)), 404, ErrorCode.MEDIA_NOT_FOUND);
        String unknown = "55555555-5555-5555-5555-555555555555";
        assertProblem(endpoint.send(get("/media/" + unknown + "/storyboard.vtt?token=" + endpoint.token("u", unknown,
                MediaGrant.STORYBOARD))), 404, ErrorCode.MEDIA_NOT_FOUND);
    }

    @Test
    void aStoryboardOpensOnlyWithAStoryboardTokenOfThatVideo() {
        String playback = endpoint.token("play", CLOUDFLARE, MediaGrant.PLAYBACK);
        String otherVideo = endpoint.token("other", LOCAL, MediaGrant.STORYBOARD);
        assertProblem(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.vtt?token=" + playback)), 401,
                ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.vtt?token=" + otherVideo)), 401,
                ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.jpg?token=" + otherVideo)), 401,
                ErrorCode.INVALID_MEDIA_TOKEN);
        assertThat(endpoint.videos.composedUntil).isEmpty();
    }

    @Test
    void theSpriteIsServedToAStoryboardTokenOfALocalVideo() throws Exception {
        Path jpeg = Files.write(dir.resolve("storyboard.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2});
        endpoint.media.storyboards.put("upload-" + LOCAL + "/storyboard.jpg", new MediaFile(jpeg, "image/jpeg", 4));

        MockHttpResponse sprite = endpoint.send(get("/media/" + LOCAL + "/storyboard.jpg?token="
                + endpoint.token("sb", LOCAL, MediaGrant.STORYBOARD)));

        assertThat(sprite.getStatus()).isEqualTo(200);
        assertThat(header(sprite, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(sprite.getOutput()).hasSize(4);
        assertProblem(endpoint.send(get("/media/" + LOCAL + "/storyboard.jpg?token="
                + endpoint.token("thumb", LOCAL, MediaGrant.THUMBNAIL))), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get("/media/" + CLOUDFLARE + "/storyboard.jpg?token="
                + endpoint.token("cf", CLOUDFLARE, MediaGrant.STORYBOARD))), 404, ErrorCode.MEDIA_NOT_FOUND);
    }

    @Test
    void anAnimatedPreviewIsRenderedAsItsTokenSays() throws Exception {
        Path gif = Files.write(dir.resolve("preview.gif"), "GIF89a".getBytes(StandardCharsets.US_ASCII));
        endpoint.media.animatedResult = CompletableFuture.completedFuture(new MediaFile(gif, "image/gif", 6));
        AnimatedSpec spec = new AnimatedSpec(1, 3, 160, null, 10, AnimatedSpec.Format.GIF);

        MockHttpResponse response = endpoint.send(get("/media/" + LOCAL + "/animated.gif?token="
                + endpoint.animatedToken("g", LOCAL, spec)));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).isEqualTo("image/gif");
        assertThat(body(response)).isEqualTo("GIF89a");
        assertThat(endpoint.media.animatedAsked).containsExactly(spec);
    }

    @Test
    void anAnimatedTokenOpensOnlyItsFormatAndVideo() {
        String gif = endpoint.animatedToken("g", LOCAL, new AnimatedSpec(1, 3, 160, null, 10, AnimatedSpec.Format.GIF));

        assertProblem(endpoint.send(get("/media/" + LOCAL + "/animated.webp?token=" + gif)), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get("/media/" + OTHER_LOCAL + "/animated.gif?token=" + gif)), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get("/media/" + LOCAL + "/animated.gif?token="
                + endpoint.token("t", LOCAL, MediaGrant.THUMBNAIL))), 401, ErrorCode.INVALID_MEDIA_TOKEN);
        assertProblem(endpoint.send(get("/media/" + LOCAL + "/animated.png?token=" + gif)), 404, ErrorCode.NOT_FOUND);
        assertProblem(endpoint.send(get("/media/" + LOCAL + "/animated.GIF?token=" + gif)), 404, ErrorCode.NOT_FOUND);
        assertThat(endpoint.media.animatedAsked).isEmpty();
    }

    @Test
    void aPreviewStartingPastTheVideosEndIs400() {
        String late = endpoint.animatedToken("late", LOCAL, new AnimatedSpec(6, 8, 160, null, 10, AnimatedSpec.Format.WEBP));

        assertProblem(endpoint.send(get("/media/" + LOCAL + "/animated.webp?token=" + late)), 400, ErrorCode.INVALID_REQUEST);
        assertThat(endpoint.media.animatedAsked).isEmpty();
    }

    @Test
    void saturatedRenderingIs503WithRetryAfterAndAFailedRender422() {
        String token = endpoint.animatedToken("g", LOCAL, new AnimatedSpec(0, 1, 160, null, 10, AnimatedSpec.Format.GIF));
        endpoint.media.animatedResult = CompletableFuture.failedFuture(
                new MediaBusyException("busy", Duration.ofSeconds(10)));

        MockHttpResponse busy = endpoint.send(get("/media/" + LOCAL + "/animated.gif?token=" + token));
        assertProblem(busy, 503, ErrorCode.MEDIA_BUSY);
        assertThat(header(busy, "Retry-After")).isEqualTo("10");

        endpoint.media.animatedResult = CompletableFuture.failedFuture(
                new UploadStoreException(ErrorCode.STORAGE_FAILED, "ffmpeg said no"));
        MockHttpResponse failed = endpoint.send(get("/media/" + LOCAL + "/animated.gif?token=" + token));
        assertProblem(failed, 422, ErrorCode.THUMBNAIL_UNAVAILABLE);
        assertThat(body(failed)).doesNotContain("ffmpeg");
    }
}
