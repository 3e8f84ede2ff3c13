package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sendForBytes;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A generated 1280×720 clip of about 6 s (ffmpeg's test pattern and a tone, H.264/AAC as a
 * phone makes them) through the local provider, uploaded with tus: its MP4 download, its
 * storyboard and animated previews, checked from the bytes the signed URLs serve; which token
 * opens what; and that deleting the video removes what was made of it from the disk.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LocalMediaExtrasIT {

    private static final double SECONDS = 6;
    private static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n([^\\n]+)");
    private static final Pattern TILE = Pattern.compile("([^#\\s]+)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

    /** The clip's video, shared by the tests that only read it. */
    private static Uploaded shared;

    record Uploaded(String id, String uploadId, String token) {
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    private static synchronized Uploaded shared() throws Exception {
        if (shared == null) {
            shared = upload("extras-" + UUID.randomUUID());
        }
        return shared;
    }

    private static Path clip;

    private static synchronized Path clip() throws Exception {
        if (clip == null) {
            Path file = Files.createTempFile("yourbit-it-720p", ".mp4");
            file.toFile().deleteOnExit();
            Commands.output(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=25:duration=" + SECONDS,
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=" + SECONDS, "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file.toString()));
            clip = file;
        }
        return clip;
    }

    /** Creates a local video for a new user, sends the clip with tus in three PATCHes and waits until it is ready. */
    private static Uploaded upload(String user) throws Exception {
        String token = userToken(user);
        JsonObject video = createVideo(token, "Clip: 720p \\\"test\\\""); // JSON for Clip: 720p "test"
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = Files.readAllBytes(clip());
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(file.length)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).isEqualTo(201);
        int chunk = file.length / 3 + 1;
        for (int at = 0; at < file.length; at += chunk) {
            HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", Integer.toString(at)).header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(
                            Arrays.copyOfRange(file, at, Math.min(file.length, at + chunk)))).build());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
        }
        JsonObject ready = Server.awaitProcessed(video.getString("id"), token);
        assertThat(ready.getString("status")).isEqualTo("ready");
        return new Uploaded(video.getString("id"), url.substring(url.lastIndexOf('/') + 1), token);
    }

    /**
     * Asks until the call answers 200; every answer before is 409 with its code and Retry-After
     * (the pipeline makes the MP4 and storyboard after the video became ready).
     */
    private static JsonObject awaitMedia(String call, String code, Uploaded video) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            HttpResponse<String> response = get("/api/videos/" + video.id() + "/" + call + "?ttl=300", video.token());
            if (response.statusCode() == 200) {
                return json(response);
            }
            assertProblem(response, 409, code);
            assertThat(response.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
            assertThat(System.nanoTime()).as(call + " still not ready").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static HttpResponse<byte[]> fetch(String url) {
        return sendForBytes(HttpRequest.newBuilder(URI.create(url)).build());
    }


    /** ffprobe's first video stream (frames counted by decoding them) and the file's duration. */
    private static JsonObject probe(byte[] bytes, String suffix) throws Exception {
        Path file = Files.createTempFile("yourbit-it", suffix);
        try {
            Files.write(file, bytes);
            String json = Commands.output(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                    "-show_entries", "stream=codec_name,width,height,nb_read_frames:format=duration", "-of", "json",
                    file.toString()));
            return Json.createReader(new StringReader(json)).readObject();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double duration(JsonObject probed) {
        return Double.parseDouble(probed.getJsonObject("format").getString("duration"));
    }

    @Test
    void theDownloadIsAFaststartMp4OfTheVideosLength() throws Exception {
        Uploaded video = shared();
        JsonObject download = awaitMedia("download", "DOWNLOAD_NOT_READY", video);
        String url = download.getString("url");
        assertThat(url).startsWith(Server.BASE + "/media/" + video.id() + "/download.mp4?token=");
        assertThat(json(get("/api/videos/" + video.id(), video.token())).getString("download")).isEqualTo("ready");

        HttpResponse<byte[]> mp4 = fetch(url);

        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(mp4.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(mp4.headers().firstValue("Content-Disposition")).get().asString()
                .startsWith("attachment; filename=\"Clip 720p test.mp4\"");
        List<String> boxes = topLevelBoxes(mp4.body());
        assertThat(boxes.indexOf("moov")).as("moov before mdat: %s", boxes).isGreaterThan(-1).isLessThan(boxes.indexOf("mdat"));
        JsonObject probed = probe(mp4.body(), ".mp4");
        assertThat(probed.getJsonArray("streams").getJsonObject(0).getString("codec_name")).isEqualTo("h264");
        assertThat(duration(probed)).isCloseTo(duration(probe(Files.readAllBytes(clip()), ".mp4")), within(0.1));

        HttpResponse<byte[]> part = sendForBytes(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-99").build());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(mp4.body(), 0, 100));
    }

    @Test
    void theStoryboardsCuesCoverTheVideoAndPointInsideItsSprite() throws Exception {
        Uploaded video = shared();
        String url = awaitMedia("storyboard", "STORYBOARD_NOT_READY", video).getString("url");
        assertThat(url).startsWith(Server.BASE + "/media/" + video.id() + "/storyboard.vtt?token=");
        assertThat(json(get("/api/videos/" + video.id(), video.token())).getBoolean("storyboard")).isTrue();

        HttpResponse<byte[]> vtt = fetch(url);
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.headers().firstValue("Content-Type")).get().asString().startsWith("text/vtt");
        String text = new String(vtt.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("WEBVTT");

        List<long[]> times = new ArrayList<>();
        List<int[]> regions = new ArrayList<>();
        String image = null;
        Matcher cue = CUE.matcher(text);
        while (cue.find()) {
            times.add(new long[]{millis(cue, 1), millis(cue, 5)});
            Matcher tile = TILE.matcher(cue.group(9));
            assertThat(tile.matches()).as(cue.group(9)).isTrue();
            image = image == null ? tile.group(1) : image;
            assertThat(tile.group(1)).as("one sprite").isEqualTo(image);
            regions.add(new int[]{Integer.parseInt(tile.group(2)), Integer.parseInt(tile.group(3)),
                    Integer.parseInt(tile.group(4)), Integer.parseInt(tile.group(5))});
        }
        assertThat(times).hasSizeBetween(5, 7);
        assertThat(times.get(0)[0]).isZero();
        for (int i = 0; i < times.size(); i++) {
            assertThat(times.get(i)[1]).isGreaterThan(times.get(i)[0]);
            if (i > 0) {
                assertThat(times.get(i)[0]).as("cue %d follows the one before", i).isEqualTo(times.get(i - 1)[1]);
            }
        }
        assertThat(times.get(times.size() - 1)[1] / 1000.0).isCloseTo(SECONDS, within(0.1));

        // The sprite's URL is beside the WebVTT, signed with the storyboard's own token.
        assertThat(image).startsWith("storyboard.jpg?token=");
        HttpResponse<byte[]> sprite = fetch(URI.create(url).resolve(image).toString());
        assertThat(sprite.statusCode()).isEqualTo(200);
        assertThat(sprite.headers().firstValue("Content-Type")).contains("image/jpeg");
        JsonObject size = probe(sprite.body(), ".jpg").getJsonArray("streams").getJsonObject(0);
        int width = size.getInt("width");
        int height = size.getInt("height");
        assertThat(regions).allSatisfy(r -> {
            assertThat(r[2]).isEqualTo(256);
            assertThat(r[3]).isEqualTo(144);
            assertThat(r[0] + r[2]).isLessThanOrEqualTo(width);
            assertThat(r[1] + r[3]).isLessThanOrEqualTo(height);
        });
    }

    @Test
    void animatedPreviewsHaveTheRequestedSizeAndFrameCount() throws Exception {
        Uploaded video = shared();
        String gifUrl = json(get("/api/videos/" + video.id() + "/animated?start=1&end=3&width=320&fps=10", video.token()))
                .getString("url");
        assertThat(gifUrl).startsWith(Server.BASE + "/media/" + video.id() + "/animated.gif?token=");
        HttpResponse<byte[]> gif = fetch(gifUrl);
        assertThat(gif.statusCode()).isEqualTo(200);
        assertThat(gif.headers().firstValue("Content-Type")).contains("image/gif");
        JsonObject gifStream = probe(gif.body(), ".gif").getJsonArray("streams").getJsonObject(0);
        assertThat(gifStream.getInt("width")).isEqualTo(320);
        assertThat(gifStream.getInt("height")).isEqualTo(180);
        assertThat(gifStream.getString("nb_read_frames")).isEqualTo("20");

        String webpUrl = json(get("/api/videos/" + video.id() + "/animated?start=0.5&end=2.5&height=144&fps=12&format=webp",
                video.token())).getString("url");
        HttpResponse<byte[]> webp = fetch(webpUrl);
        assertThat(webp.statusCode()).isEqualTo(200);
        assertThat(webp.headers().firstValue("Content-Type")).contains("image/webp");
        WebP animation = WebP.read(webp.body());
        assertThat(animation.width()).isEqualTo(256);
        assertThat(animation.height()).isEqualTo(144);
        assertThat(animation.frames()).isEqualTo(24);

        // A second request is served from the cache: the same bytes.
        assertThat(fetch(gifUrl).body()).isEqualTo(gif.body());
    }

    @Test
    void valuesOutsideTheLimitsOrTheVideoAre400() throws Exception {
        Uploaded video = shared();
        for (String query : List.of("start=6.5&end=7", "start=0&end=10.5", "width=641", "height=641", "fps=31", "fps=0",
                "format=png")) {
            assertProblem(get("/api/videos/" + video.id() + "/animated?" + query, video.token()), 400, "INVALID_REQUEST");
        }
    }

    /** Each token opens one video's one kind of media; another user's video is not there at all. */
    @Test
    void aTokenOpensOnlyItsVideoAndPurpose() throws Exception {
        Uploaded video = shared();
        Uploaded other = upload("other-" + UUID.randomUUID());
        awaitMedia("download", "DOWNLOAD_NOT_READY", video);
        awaitMedia("storyboard", "STORYBOARD_NOT_READY", video);
        String base = Server.BASE + "/media/" + video.id() + "/";
        String download = json(get("/api/videos/" + video.id() + "/download", video.token())).getString("url");
        String storyboard = json(get("/api/videos/" + video.id() + "/storyboard", video.token())).getString("url");
        String gif = json(get("/api/videos/" + video.id() + "/animated?width=64&end=1", video.token())).getString("url");
        String thumbnail = json(get("/api/videos/" + video.id() + "/thumbnail?width=64", video.token())).getString("url");

        // Another purpose's token for the same video.
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "download.mp4?" + query(storyboard))).build()), 401,
                "INVALID_MEDIA_TOKEN");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "storyboard.vtt?" + query(download))).build()), 401,
                "INVALID_MEDIA_TOKEN");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "storyboard.jpg?" + query(gif))).build()), 401,
                "INVALID_MEDIA_TOKEN");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "animated.gif?" + query(thumbnail))).build()), 401,
                "INVALID_MEDIA_TOKEN");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "animated.webp?" + query(gif))).build()), 401,
                "INVALID_MEDIA_TOKEN");
        // The same purpose, another video.
        String elsewhere = Server.BASE + "/media/" + other.id() + "/";
        for (String url : List.of(download.replace(base, elsewhere), storyboard.replace(base, elsewhere),
                gif.replace(base, elsewhere))) {
            assertProblem(send(HttpRequest.newBuilder(URI.create(url)).build()), 401, "INVALID_MEDIA_TOKEN");
        }
        // Another user's video through the API.
        for (String call : List.of("download", "storyboard", "animated")) {
            assertProblem(get("/api/videos/" + video.id() + "/" + call, other.token()), 404, "VIDEO_NOT_FOUND");
        }
    }

    /** More distinct previews at once than the renderer takes: the rest are told when to come back, at once. */
    @Test
    void aFloodOfPreviewsIsPartly503WithRetryAfterAndNeverAnError() throws Exception {
        Uploaded video = shared();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            urls.add(json(get("/api/videos/" + video.id() + "/animated?start=" + (i * 0.5) + "&end=" + (i * 0.5 + 2)
                    + "&width=" + (200 + 2 * i) + "&fps=15", video.token())).getString("url"));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (String url : urls) {
            answers.add(Server.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
            if (response.statusCode() == 503) {
                busy++;
                assertProblem(response, 503, "MEDIA_BUSY");
                assertThat(response.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(busy).as("one renders, four wait, the others are refused").isGreaterThanOrEqualTo(1);
    }

    @Test
    void deletingTheVideoRemovesItsMp4StoryboardAndPreviews() throws Exception {
        Uploaded video = upload("deleter-" + UUID.randomUUID());
        awaitMedia("download", "DOWNLOAD_NOT_READY", video);
        awaitMedia("storyboard", "STORYBOARD_NOT_READY", video);
        String gif = json(get("/api/videos/" + video.id() + "/animated?width=64&end=1", video.token())).getString("url");
        assertThat(fetch(gif).statusCode()).isEqualTo(200);
        String mp4 = "downloads/" + video.uploadId() + ".mp4";
        String storyboard = "storyboards/" + video.uploadId();
        String previews = "animated/" + video.uploadId();
        assertThat(MediaStore.holds(mp4)).as(mp4).isTrue();
        assertThat(MediaStore.holds(storyboard)).as(storyboard).isTrue();
        assertThat(MediaStore.cacheHolds(previews)).as(previews).isTrue();

        assertThat(send(Server.api("/api/videos/" + video.id(), video.token()).DELETE().build()).statusCode()).isEqualTo(204);

        assertThat(MediaStore.holds(mp4)).as(mp4).isFalse();
        assertThat(MediaStore.holds(storyboard)).as(storyboard).isFalse();
        assertThat(MediaStore.cacheHolds(previews)).as(previews).isFalse();
        assertProblem(send(HttpRequest.newBuilder(URI.create(gif)).build()), 404, "MEDIA_NOT_FOUND");
    }

    private static String query(String url) {
        return url.substring(url.indexOf('?') + 1);
    }

    private static long millis(Matcher m, int first) {
        return Long.parseLong(m.group(first)) * 3_600_000 + Long.parseLong(m.group(first + 1)) * 60_000
                + Long.parseLong(m.group(first + 2)) * 1000 + Long.parseLong(m.group(first + 3));
    }

    /** The four-letter types of an MP4's top-level boxes, in file order. */
    private static List<String> topLevelBoxes(byte[] mp4) {
        ByteBuffer bytes = ByteBuffer.wrap(mp4).order(ByteOrder.BIG_ENDIAN);
        List<String> boxes = new ArrayList<>();
        while (bytes.remaining() >= 8) {
            int start = bytes.position();
            long size = bytes.getInt() & 0xffffffffL;
            boxes.add(new String(mp4, start + 4, 4, StandardCharsets.US_ASCII));
            if (size == 1) {
                size = bytes.getLong(start + 8);
            } else if (size == 0) {
                size = mp4.length - start;
            }
            if (size < 8 || start + size > mp4.length) {
                break;
            }
            bytes.position((int) (start + size));
        }
        return boxes;
    }

    /**
     * An animated WebP's canvas and frame count from its RIFF chunks (VP8X, one ANMF per
     * frame): Debian's ffprobe 5.1 does not decode animated WebP.
     */
    record WebP(int width, int height, int frames) {
        static WebP read(byte[] file) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            if (!new String(file, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                    || !new String(file, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
                throw new IOException("not a WebP file");
            }
            int width = 0;
            int height = 0;
            int frames = 0;
            for (int at = 12; at + 8 <= file.length; ) {
                String type = new String(file, at, 4, StandardCharsets.US_ASCII);
                int size = bytes.getInt(at + 4);
                if (type.equals("VP8X")) {
                    width = 1 + uint24(file, at + 12);
                    height = 1 + uint24(file, at + 15);
                } else if (type.equals("ANMF")) {
                    frames++;
                }
                at += 8 + size + (size & 1);
            }
            return new WebP(width, height, frames);
        }

        private static int uint24(byte[] file, int at) {
            return (file[at] & 0xff) | (file[at + 1] & 0xff) << 8 | (file[at + 2] & 0xff) << 16;
        }
    }
}
