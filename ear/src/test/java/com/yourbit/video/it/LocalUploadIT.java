package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sendForBytes;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/** One real video through the local provider: tus upload with resume, ready, signed playback. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LocalUploadIT {

    private static final String TUS = "1.0.0";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    private static HttpRequest.Builder tus(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", TUS);
    }

    private static HttpResponse<String> patch(String url, long offset, byte[] chunk) {
        return send(tus(url).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build());
    }

    private static long offset(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void aTusUploadInChunksWithAResumeBecomesAPlayableVideo() {
        String token = userToken("uploader-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "tus upload");
        String id = video.getString("id");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();

        HttpResponse<String> options = send(HttpRequest.newBuilder(URI.create(url))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.headers().firstValue("Tus-Version")).contains(TUS);
        assertThat(options.headers().firstValue("Tus-Extension")).get().asString().contains("creation");
        assertThat(options.headers().firstValue("Tus-Max-Size")).isPresent();

        HttpResponse<String> created = send(tus(url).header("Upload-Length", Integer.toString(file.length))
                .header("Upload-Metadata", "filename c2FtcGxlLm1wNA==,filetype dmlkZW8vbXA0")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Tus-Resumable")).contains(TUS);
        String location = URI.create(url).resolve(created.headers().firstValue("Location").orElseThrow()).toString();

        int chunk = 6000;
        HttpResponse<String> first = patch(location, 0, Arrays.copyOfRange(file, 0, chunk));
        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(offset(first)).isEqualTo(chunk);
        HttpResponse<String> second = patch(location, chunk, Arrays.copyOfRange(file, chunk, 2 * chunk));
        assertThat(offset(second)).isEqualTo(2 * chunk);

        // The client "lost" its state: it asks the server where to resume.
        HttpResponse<String> head = send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(head.headers().firstValue("Upload-Length")).contains(Integer.toString(file.length));
        long resumeAt = offset(head);
        assertThat(resumeAt).isEqualTo(2 * chunk);

        // Protocol errors change nothing.
        assertProblem(patch(location, 5, new byte[]{1, 2, 3}), 409, "MISMATCHED_OFFSET");
        assertProblem(send(HttpRequest.newBuilder(URI.create(location)).header("Upload-Offset", Long.toString(resumeAt))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[]{1})).build()), 412, "UNSUPPORTED_VERSION");
        assertProblem(send(tus(location).header("Upload-Offset", Long.toString(resumeAt))
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[]{1})).build()), 415, "INVALID_CONTENT_TYPE");
        assertThat(offset(send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()))).isEqualTo(resumeAt);

        for (long at = resumeAt; at < file.length; ) {
            int end = (int) Math.min(file.length, at + chunk);
            HttpResponse<String> next = patch(location, at, Arrays.copyOfRange(file, (int) at, end));
            assertThat(next.statusCode()).isEqualTo(204);
            at = offset(next);
        }

        JsonObject ready = Server.awaitProcessed(id, token);
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getJsonNumber("durationSeconds").doubleValue()).isBetween(1.9, 2.1);
        assertThat(ready.getString("aspectRatio")).isEqualTo("16:9");
        assertThat(ready.getString("playbackId")).isNotBlank();
        assertThat(ready.getString("readyAt")).isNotBlank();

        JsonObject playback = json(get("/api/videos/" + id + "/playback?ttl=120", token));
        String hls = playback.getString("url");
        assertThat(hls).startsWith(Server.BASE + "/media/" + id + "/stream.m3u8?token=");
        String media = Server.originalOf(hls);
        HttpResponse<byte[]> whole = sendForBytes(HttpRequest.newBuilder(URI.create(media)).build());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(sha256(whole.body())).isEqualTo(sha256(file));

        HttpResponse<byte[]> slice = sendForBytes(HttpRequest.newBuilder(URI.create(media)).header("Range", "bytes=1000-1999").build());
        assertThat(slice.statusCode()).isEqualTo(206);
        assertThat(slice.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + file.length);
        assertThat(slice.body()).isEqualTo(Arrays.copyOfRange(file, 1000, 2000));

        HttpResponse<byte[]> tail = sendForBytes(HttpRequest.newBuilder(URI.create(media)).header("Range", "bytes=-100").build());
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 100, file.length));
        assertThat(sendForBytes(HttpRequest.newBuilder(URI.create(media)).header("Range", "bytes=999999-").build()).statusCode())
                .isEqualTo(416);

        // The upload is closed once the video is ready.
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertProblem(patch(location, file.length, new byte[]{1}), 410, "UPLOAD_CLOSED");
    }

    @Test
    void theHlsPlaylistsSignTheirUrisAndFfprobeReadsThemBack() throws Exception {
        String token = userToken("hls-" + UUID.randomUUID());
        String id = uploadWholeFile(token);
        String hls = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        String mediaToken = hls.substring(hls.indexOf("token=") + 6);

        // The master playlist: the sample (320x180) is below the smallest rung, so one rendition at its size.
        HttpResponse<String> master = send(HttpRequest.newBuilder(URI.create(hls)).build());
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("Content-Type")).get().asString().startsWith("application/vnd.apple.mpegurl");
        assertThat(master.body()).startsWith("#EXTM3U").contains("RESOLUTION=320x180");
        var variants = master.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(variants).containsExactly("180p/index.m3u8?token=" + mediaToken);

        URI mediaUrl = URI.create(hls).resolve(variants.get(0));
        HttpResponse<String> playlist = send(HttpRequest.newBuilder(mediaUrl).build());
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U").contains("#EXT-X-ENDLIST");
        var segments = playlist.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(segments).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("?token=" + mediaToken));

        HttpResponse<byte[]> segment = sendForBytes(HttpRequest.newBuilder(mediaUrl.resolve(segments.get(0))).build());
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.headers().firstValue("Content-Type")).contains("video/mp2t");
        assertThat(segment.body()[0]).as("MPEG-TS sync byte").isEqualTo((byte) 0x47);
        String unsigned = mediaUrl.resolve(segments.get(0)).toString().replaceFirst("\\?.*", "");
        assertProblem(send(HttpRequest.newBuilder(URI.create(unsigned)).build()), 401);

        // A player reads the playlists and segments over HTTP with nothing but the URL.
        Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,width",
                "-show_entries", "format=duration", "-of", "json", hls).redirectErrorStream(true).start();
        String probed = new String(ffprobe.getInputStream().readAllBytes());
        assertThat(ffprobe.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ffprobe.exitValue()).as(probed).isZero();
        JsonObject facts = jakarta.json.Json.createReader(new java.io.StringReader(probed)).readObject();
        assertThat(facts.getJsonArray("streams").getValuesAs(JsonObject.class))
                .anySatisfy(st -> assertThat(st.getString("codec_type")).isEqualTo("video"));
        assertThat(Double.parseDouble(facts.getJsonObject("format").getString("duration"))).isBetween(1.5, 2.5);
        // The video lists its one rendition.
        JsonObject video = json(get("/api/videos/" + id, token));
        assertThat(video.getJsonArray("renditions")).hasSize(1);
        assertThat(video.getJsonArray("renditions").getJsonObject(0).getString("name")).isEqualTo("180p");
    }

    @Test
    void mediaNeedsAValidTokenForThatVideo() {
        String token = userToken("viewer-" + UUID.randomUUID());
        String id = uploadWholeFile(token);
        String media = Server.originalUrl(id, token);
        String withoutToken = media.substring(0, media.indexOf('?'));

        assertProblem(send(HttpRequest.newBuilder(URI.create(withoutToken)).build()), 401);
        String tampered = media.substring(0, media.length() - 3) + (media.endsWith("abc") ? "xyz" : "abc");
        assertProblem(send(HttpRequest.newBuilder(URI.create(tampered)).build()), 401);

        // A valid token for one video does not open another.
        String otherId = uploadWholeFile(token);
        String otherMedia = media.replace("/media/" + id + "/", "/media/" + otherId + "/");
        assertProblem(send(HttpRequest.newBuilder(URI.create(otherMedia)).build()), 401);

        // A thumbnail token is not a playback token, and vice versa.
        String thumbnail = json(get("/api/videos/" + id + "/thumbnail?time=1&width=160", token)).getString("url");
        String thumbToken = thumbnail.substring(thumbnail.indexOf("token="));
        assertProblem(send(HttpRequest.newBuilder(URI.create(withoutToken + "?" + thumbToken)).build()), 401);
    }

    @Test
    void theThumbnailUrlServesAJpegOfTheRequestedWidth() {
        String token = userToken("thumbs-" + UUID.randomUUID());
        String id = uploadWholeFile(token);
        HttpResponse<String> response = get("/api/videos/" + id + "/thumbnail?time=1&width=160", token);
        assertThat(response.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> image = sendForBytes(HttpRequest.newBuilder(URI.create(json(response).getString("url"))).build());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/jpeg");
        byte[] jpeg = image.body();
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        assertThat(jpegWidth(jpeg)).isEqualTo(160);
        assertProblem(get("/api/videos/" + id + "/thumbnail?width=-5", token), 400);
        assertProblem(get("/api/videos/" + id + "/thumbnail?time=abc", token), 400);
    }

    @Test
    void aSinglePutOfTheWholeFileWorks() {
        String token = userToken("putter-" + UUID.randomUUID());
        String id = uploadWholeFile(token);
        JsonObject ready = Server.awaitProcessed(id, token);
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getString("filetype")).isEqualTo("video/mp4");

        // As `curl --data-binary @file` sends it: a form's type says nothing of the file.
        JsonObject video = createVideo(token, "with curl's default type");
        assertThat(send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build()).statusCode()).isEqualTo(200);
        JsonObject curled = Server.awaitProcessed(video.getString("id"), token);
        assertThat(curled.getString("status")).isEqualTo("ready");
        assertThat(curled.isNull("filetype")).isTrue();
    }

    /** Sent again after its lost answer, a whole-file PUT must not restart an upload being processed. */
    @Test
    void aWholeFilePutSentAgainGetsItsOkAndLeavesTheReceivedFile() {
        String token = userToken("putter-again-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "whole file twice");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        byte[] sameSizeOtherBytes = file.clone();
        sameSizeOtherBytes[file.length / 2] ^= 1;

        assertThat(send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build())
                .statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(sameSizeOtherBytes))
                .build()).statusCode()).isEqualTo(200);

        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(sha256(Server.original(video.getString("id"), token).body())).isEqualTo(sha256(file));
    }

    @Test
    void muxStylePutChunksAnswer308UntilComplete() {
        String token = userToken("chunker-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "put chunks");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        int half = file.length / 2;

        assertPutRange(putChunk(url, file, 0, half), 308, "bytes=0-" + (half - 1));
        assertPutRange(askProgress(url, file.length), 308, "bytes=0-" + (half - 1));
        HttpResponse<String> last = putChunk(url, file, half, file.length);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
    }

    /**
     * A chunk can arrive again: Chromium resends a PUT whose kept-alive connection closed before
     * the answer, UpChunk one answered 408, 502, 503 or 504 (by a proxy in front, say).
     */
    @Test
    void aResentChunkSkipsTheStoredBytesAndAResentLastChunkGetsItsOk() {
        String token = userToken("resender-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "put chunks again");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        int total = file.length;

        assertPutRange(putChunk(url, file, 0, 10_000), 308, "bytes=0-9999");
        assertPutRange(putChunk(url, file, 0, 10_000), 308, "bytes=0-9999");
        assertPutRange(putChunk(url, file, 5_000, 15_000), 308, "bytes=0-14999");
        HttpResponse<String> gap = putChunk(url, file, 20_000, total);
        assertProblem(gap, 409, "MISMATCHED_OFFSET");
        assertThat(gap.headers().firstValue("Range")).contains("bytes=0-14999");
        assertPutRange(putChunk(url, file, 10_000, 20_000), 308, "bytes=0-19999");
        assertThat(putChunk(url, file, 20_000, total).statusCode()).isEqualTo(200);
        assertThat(putChunk(url, file, 20_000, total).statusCode()).isEqualTo(200);

        // Once processed, too: the bytes are all there; a different file is refused.
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(putChunk(url, file, 20_000, total).statusCode()).isEqualTo(200);
        assertThat(askProgress(url, total).statusCode()).isEqualTo(200);
        assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Content-Range", "bytes 0-9/" + (total + 1))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build()), 410, "UPLOAD_CLOSED");
        assertThat(sha256(Server.original(video.getString("id"), token).body())).isEqualTo(sha256(file));
    }

    @Test
    void aContentRangeThatIsNotOneIsRefusedAndChangesNothing() {
        String token = userToken("bad-range-" + UUID.randomUUID());
        String url = createVideo(token, "bad ranges").getJsonObject("upload").getString("url");
        for (String range : new String[]{"bytes 0-9/99999999999999999999", "bytes 5-4/10", "bytes 0-10/10", "items 0-9/10",
                "bytes 0-4/10", "bytes 0-10/20"}) {
            assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Content-Range", range)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build()), 400, "INVALID_CONTENT_RANGE");
        }
        HttpResponse<String> status = askProgress(url, 10);
        assertThat(status.statusCode()).isEqualTo(308);
        assertThat(status.headers().firstValue("Range")).isEmpty();
    }

    private static HttpResponse<String> putChunk(String url, byte[] file, int from, int to) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + file.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(file, from, to))).build());
    }

    private static HttpResponse<String> askProgress(String url, int total) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Range", "bytes */" + total)
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void assertPutRange(HttpResponse<String> response, int status, String range) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Range")).contains(range);
    }

    @Test
    void aFileThatIsNotAVideoEndsErrored() {
        String token = userToken("wrong-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "not a video");
        byte[] text = "this is a text file, not a video\n".repeat(100).getBytes();
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(text)).build());
        assertThat(put.statusCode()).isEqualTo(200);
        JsonObject after = Server.awaitProcessed(video.getString("id"), token);
        assertThat(after.getString("status")).isEqualTo("errored");
        assertThat(after.getString("errorReason")).contains("not a video");
        assertProblem(get("/api/videos/" + video.getString("id") + "/playback", token), 409);
    }

    @Test
    void terminationFreesTheUploadAndUnknownUploadsAre404() {
        String token = userToken("quitter-" + UUID.randomUUID());
        String url = createVideo(token, "terminated").getJsonObject("upload").getString("url");
        send(tus(url).header("Upload-Length", "1000").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(patch(url, 0, new byte[100]).statusCode()).isEqualTo(204);

        HttpResponse<String> deleted = send(tus(url).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send(tus(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);

        String unknown = Server.BASE + "/uploads/" + "A".repeat(43);
        assertThat(send(tus(unknown).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        assertProblem(send(tus(unknown).header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody()).build()), 404);
    }

    @Test
    void deletingAVideoMidUploadEndsItsUploadAndUnknownTokensCannotPatch() {
        String token = userToken("midway-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "deleted midway");
        String url = video.getJsonObject("upload").getString("url");
        send(tus(url).header("Upload-Length", "1000").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(patch(url, 0, new byte[100]).statusCode()).isEqualTo(204);

        assertThat(send(Server.api("/api/videos/" + video.getString("id"), token).DELETE().build()).statusCode()).isEqualTo(204);
        assertProblem(patch(url, 100, new byte[100]), 404, "UPLOAD_NOT_FOUND");
        assertThat(send(tus(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);

        assertProblem(patch(Server.BASE + "/uploads/" + "B".repeat(43), 0, new byte[1]), 404, "UPLOAD_NOT_FOUND");
        assertProblem(patch(Server.BASE + "/uploads/not.a.token", 0, new byte[1]), 404, "UPLOAD_NOT_FOUND");
    }

    @Test
    void creationRefusesTooLargeAndMissingLengths() {
        String token = userToken("big-" + UUID.randomUUID());
        String url = createVideo(token, "too big").getJsonObject("upload").getString("url");
        assertProblem(send(tus(url).header("Upload-Length", Long.toString(Long.MAX_VALUE)).POST(HttpRequest.BodyPublishers.noBody()).build()), 413, "UPLOAD_TOO_LARGE");
        assertProblem(send(tus(url).POST(HttpRequest.BodyPublishers.noBody()).build()), 400, "MISSING_UPLOAD_LENGTH");
        assertProblem(send(tus(url).header("Upload-Length", "-1").POST(HttpRequest.BodyPublishers.noBody()).build()), 400, "INVALID_UPLOAD_LENGTH");
        assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody()).build()), 412, "UNSUPPORTED_VERSION");
    }

    @Test
    void deletingAReadyVideoRemovesItsMedia() {
        String token = userToken("deleter-" + UUID.randomUUID());
        String id = uploadWholeFile(token);
        String media = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        assertThat(send(Server.api("/api/videos/" + id, token).DELETE().build()).statusCode()).isEqualTo(204);
        assertProblem(send(HttpRequest.newBuilder(URI.create(media)).build()), 404);
    }

    private static String uploadWholeFile(String token) {
        JsonObject video = createVideo(token, "whole file");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
        return video.getString("id");
    }

    /** Reads the width from the JPEG's start-of-frame segment. */
    private static int jpegWidth(byte[] jpeg) {
        int i = 2;
        while (i + 9 < jpeg.length) {
            int marker = jpeg[i + 1] & 0xff;
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker >= 0xC0 && marker <= 0xC3) {
                return ((jpeg[i + 7] & 0xff) << 8) | (jpeg[i + 8] & 0xff);
            }
            i += 2 + length;
        }
        throw new AssertionError("no start-of-frame in the JPEG");
    }
}
