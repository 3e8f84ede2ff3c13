package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients a web tier puts in its pages, in a real headless Chromium on another origin
 * ({@code http://app.example.test}, which the test server allows): Mux's UpChunk against the
 * Mux-style PUT, tus-js-client against tus, and a page fetching the HLS rendition as hls.js
 * does. The browser enforces CORS, so these also prove the CORS answers; a page on an origin
 * that is not allowed can neither upload nor play.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserUploadIT {

    private static final String ALLOWED_PAGE_HOST = "app.example.test";
    private static final int UPCHUNK_CHUNK = 256 * 1024;

    @TempDir
    static Path dir;

    private static Path video;
    private static byte[] videoBytes;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** Large enough for several of UpChunk's smallest chunks (256 KiB). */
    @BeforeAll
    static void makeVideo() throws Exception {
        video = dir.resolve("browser-upload.mp4");
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "4", "-c:a", "aac", "-shortest",
                video.toString())).redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(output).isZero();
        videoBytes = Files.readAllBytes(video);
        assertThat(videoBytes.length).isGreaterThan(4 * UPCHUNK_CHUNK);
    }

    @Test
    void upChunkUploadsInChunksAndAChunkWhoseAnswerWasLostArrivesAgain() throws Exception {
        String token = userToken("upchunk-" + UUID.randomUUID());
        JsonObject created = createVideo(token, "from UpChunk");

        JsonObject result = NodeScript.run("browser-upload.mjs", "upchunk",
                created.getJsonObject("upload").getString("url"), video.toString(), ALLOWED_PAGE_HOST);

        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        List<JsonObject> chunks = result.getJsonArray("chunks").getValuesAs(JsonObject.class);
        int expected = (videoBytes.length + UPCHUNK_CHUNK - 1) / UPCHUNK_CHUNK;
        assertThat(chunks).hasSize(expected);
        for (int i = 0; i < expected - 1; i++) {
            // Range is read by UpChunk across origins: the CORS answer exposes it.
            assertThat(chunks.get(i).getInt("status")).isEqualTo(308);
            assertThat(chunks.get(i).getString("range")).isEqualTo("bytes=0-" + ((long) (i + 1) * UPCHUNK_CHUNK - 1));
        }
        assertThat(chunks.get(expected - 1).getInt("status")).isEqualTo(200);
        // The third chunk reached the service twice: its first answer was lost on the way.
        assertThat(result.getInt("puts")).isEqualTo(expected + 1);
        assertStoredAndReady(created, token);
    }

    @Test
    void tusJsClientResumesAfterThePageIsReloaded() throws Exception {
        String token = userToken("tus-browser-" + UUID.randomUUID());
        JsonObject created = createVideo(token, "from tus-js-client in a browser");

        JsonObject result = NodeScript.run("browser-upload.mjs", "tus",
                created.getJsonObject("upload").getString("url"), video.toString(), ALLOWED_PAGE_HOST);

        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        long acceptedBeforeReload = result.getJsonObject("firstPage").getJsonNumber("accepted").longValue();
        assertThat(acceptedBeforeReload).isBetween(videoBytes.length / 2L, videoBytes.length - 1L);
        assertThat(result.getJsonObject("secondPage").getInt("remembered")).isPositive();
        // The new page asked where to go on, and was told every byte the old page got acknowledged.
        List<JsonObject> heads = result.getJsonArray("heads").getValuesAs(JsonObject.class);
        assertThat(heads).isNotEmpty();
        assertThat(heads.get(0).getInt("status")).isEqualTo(200);
        assertThat(Long.parseLong(heads.get(0).getString("offset"))).isEqualTo(acceptedBeforeReload);
        JsonObject ready = assertStoredAndReady(created, token);
        assertThat(ready.getString("filename")).isEqualTo(video.getFileName().toString());
    }

    @Test
    void aPageOnAnOriginThatIsNotAllowedCannotUpload() throws Exception {
        String token = userToken("foreign-page-" + UUID.randomUUID());
        JsonObject created = createVideo(token, "not from that page");
        String url = created.getJsonObject("upload").getString("url");

        JsonObject result = NodeScript.run("browser-upload.mjs", "upchunk", url, video.toString(), "evil.example");

        assertThat(result.getBoolean("ok")).as(result.toString()).isFalse();
        assertThat(result.getInt("puts")).as("the browser must not send the bytes").isZero();
        assertThat(send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/videos/" + created.getString("id"), token)).getString("status")).isEqualTo("preparing");
    }

    /** What hls.js does in a page: fetch the playlist, then its segments (token in their URLs). */
    @Test
    void theHlsRenditionPlaysInAPageOnTheAllowedOriginOnly() throws Exception {
        String token = userToken("hls-page-" + UUID.randomUUID());
        JsonObject created = createVideo(token, "played in a page");
        assertThat(send(HttpRequest.newBuilder(URI.create(created.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(videoBytes)).build()).statusCode()).isEqualTo(200);
        assertStoredAndReady(created, token);
        String playlist = json(get("/api/videos/" + created.getString("id") + "/playback", token)).getString("url");

        JsonObject allowed = NodeScript.run("browser-upload.mjs", "hls", playlist, "-", ALLOWED_PAGE_HOST);
        assertThat(allowed.getBoolean("ok")).as(allowed.toString()).isTrue();
        assertThat(allowed.getInt("segmentBytes")).isGreaterThan(1000);
        assertThat(allowed.getInt("firstByte")).as("an MPEG-TS sync byte").isEqualTo(0x47);

        JsonObject foreign = NodeScript.run("browser-upload.mjs", "hls", playlist, "-", "evil.example");
        assertThat(foreign.getBoolean("ok")).as(foreign.toString()).isFalse();
        assertThat(foreign.getString("error")).contains("Failed to fetch");
    }

    private static JsonObject assertStoredAndReady(JsonObject created, String token) {
        JsonObject ready = Server.awaitProcessed(created.getString("id"), token);
        assertThat(ready.getString("status")).as(ready.toString()).isEqualTo("ready");
        assertThat(sha256(Server.original(created.getString("id"), token).body())).isEqualTo(sha256(videoBytes));
        return ready;
    }
}
