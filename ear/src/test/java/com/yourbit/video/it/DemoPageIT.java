package com.yourbit.video.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The development demo page at {@code /} in a real headless Chromium against this server (the
 * integration tests' server has the development configuration, dev.cli, so the demo is on; the
 * production configuration's 404s are checked by deployment-guide.sh). One visit, shared by the
 * tests: a generated clip is chosen, the page is reloaded halfway through the tus upload and the
 * same file chosen again, `ready` arrives on the page live, the video plays, the quality is
 * switched, the storyboard previews on the scrub bar, a screenshot is saved as target/demo-page.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPageIT {

    /** The demo user's videos are read with a token like the page's (the same user, group user). */
    private static final String DEMO = Server.jwt("demo", "user");
    private static final String ADMIN = Server.jwt("demo-page-admin", "user", "admin");
    private static final int SOURCE_SHORT_SIDE = 360;

    private static Path clip;
    private static JsonObject visit;
    private static int levelsExpected;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** The page visit, once for all tests of this class (it takes a real upload and encode). */
    private static synchronized JsonObject visit() throws Exception {
        if (visit == null) {
            clip = Files.createTempFile("demo-page", ".mp4");
            // 640x360, 8 s, H.264 at a low quantizer: a few MB, so that there is a middle to reload in.
            Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=640x" + SOURCE_SHORT_SIDE + ":rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                    "-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "8", "-c:a", "aac", "-shortest",
                    clip.toString())).redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes());
            assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ffmpeg.exitValue()).as(output).isZero();
            long size = Files.size(clip);
            assertThat(size).isGreaterThan(2L << 20);
            levelsExpected = ladderRungsUpTo(SOURCE_SHORT_SIDE);
            Path screenshot = Path.of(System.getProperty("ear.file")).getParent().resolve("demo-page.png");
            Files.deleteIfExists(screenshot);
            // About 8 s for the whole file while throttled: the page is reloaded after 30 %.
            visit = NodeScript.run(Duration.ofMinutes(6), "demo-page.mjs", Server.BASE.toString(), clip.toString(),
                    screenshot.toString(), Long.toString(size / 8), Integer.toString(Math.max(levelsExpected, 1)));
            System.out.println("demo page visit (" + size + " bytes, " + levelsExpected + " levels expected): " + visit);
        }
        return visit;
    }

    /**
     * The rungs of the local provider's adaptive ladder a source of this short side gets, as the
     * server's configuration says (GET /api/admin/config); 1 (the source's own size) without one.
     */
    private static int ladderRungsUpTo(int shortSide) {
        JsonObject actionMap = json(get("/api/admin/config", ADMIN)).getJsonObject("providers")
                .getJsonObject("local").getJsonObject("actionMap");
        System.out.println("the local provider's settings: " + actionMap.keySet());
        JsonString ladder = actionMap.containsKey("ladder") ? actionMap.getJsonString("ladder") : null;
        if (ladder == null) {
            return 1;
        }
        long rungs = Arrays.stream(ladder.getString().split(","))
                .map(String::strip).filter(r -> r.matches("[0-9]+p"))
                .filter(r -> Integer.parseInt(r.substring(0, r.length() - 1)) <= shortSide).count();
        return (int) Math.max(rungs, 1);
    }

    @Test
    void anUploadInterruptedByAReloadGoesOnWhereItStopped() throws Exception {
        JsonObject result = visit();
        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        assertThat(result.getString("protocol")).isEqualTo("tus");
        assertThat(result.getString("statusBeforeReload")).isEqualTo("preparing");
        assertThat(result.getInt("percentBeforeReload")).isBetween(30, 99);
        assertThat(result.getString("hintAfterReload")).contains(clip.getFileName().toString());
        assertThat(result.getString("uploadState")).contains("resuming");

        List<JsonObject> requests = result.getJsonArray("requests").getValuesAs(JsonObject.class);
        List<JsonObject> secondPage = requests.stream().filter(r -> r.getInt("page") == 2).toList();
        // The first page created the upload; the second created none: it asked where to go on
        // (HEAD) and sent from there.
        assertThat(requests.stream().filter(r -> r.getInt("page") == 1 && r.getString("method").equals("POST"))).hasSize(1);
        assertThat(secondPage).extracting(r -> r.getString("method")).doesNotContain("POST").contains("HEAD", "PATCH");
        List<JsonObject> heads = result.getJsonArray("heads").getValuesAs(JsonObject.class);
        assertThat(heads).isNotEmpty();
        JsonObject head = heads.get(0);
        assertThat(head.getInt("page")).isEqualTo(2);
        assertThat(head.getInt("status")).isEqualTo(200);
        long resumedAt = Long.parseLong(head.getString("offset"));
        long size = Files.size(clip);
        assertThat(resumedAt).as("bytes the server kept from the first page").isBetween(1L, size - 1);
        JsonObject firstPatch = secondPage.stream().filter(r -> r.getString("method").equals("PATCH")).findFirst().orElseThrow();
        assertThat(Long.parseLong(firstPatch.getString("offset"))).isEqualTo(resumedAt);

        // The server has the file, byte for byte.
        String id = result.getString("videoId");
        assertThat(sha256(Server.original(id, DEMO).body())).isEqualTo(sha256(Files.readAllBytes(clip)));
    }

    @Test
    void readyArrivesLiveAndTheVideoPlaysWithItsThumbnail() throws Exception {
        JsonObject result = visit();
        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        assertThat(result.getJsonArray("events").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .contains("video.created", "video.ready");
        assertThat(result.getString("streamState")).isEqualTo("(live)");
        assertThat(result.getJsonNumber("played").doubleValue()).isGreaterThanOrEqualTo(2.0);
        assertThat(result.getInt("thumbnailWidth")).isPositive();
        assertThat(json(get("/api/videos/" + result.getString("videoId"), DEMO)).getString("status")).isEqualTo("ready");
        Path screenshot = Path.of(System.getProperty("ear.file")).getParent().resolve("demo-page.png");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    @Test
    void theQualityMenuListsTheLadderAndSwitchesLevel() throws Exception {
        JsonObject result = visit();
        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        List<String> levels = result.getJsonArray("levels").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertThat(levels).as("one menu entry per level of the master playlist").hasSize(levelsExpected);
        assumeTrue(levelsExpected >= 2, "the local provider's configuration has no adaptive ladder: one level, nothing to switch");
        assertThat(result.getString("switchedTo")).isNotEqualTo(result.getString("switchedFrom"));
        assertThat(result.getString("levelShown")).isEqualTo("playing " + result.getString("switchedTo").split(" ")[0]);
        assertThat(result.getBoolean("playedAfterSwitch")).isTrue();
    }

    @Test
    void theStoryboardPreviewsOnTheScrubBar() throws Exception {
        JsonObject result = visit();
        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        String id = result.getString("videoId");
        assertThat(json(get("/api/videos/" + id, DEMO)).getBoolean("storyboard")).isTrue();
        assertThat(result.getInt("storyboardCues")).as(result.toString()).isPositive();
        // A tile of the local sprite, under this server's /media with its storyboard token.
        assertThat(result.getString("previewImage")).startsWith("url(\"" + Server.BASE.toString().replaceAll("/$", "") + "/media/" + id + "/");
    }

    /** The page's UpChunk path (Mux's uploads), on the local provider's URL, which takes Mux-style PUTs. */
    @Test
    void upChunkUploadsFromThePageToo() throws Exception {
        visit();
        JsonObject result = NodeScript.run(Duration.ofMinutes(3), "demo-page-upchunk.mjs", Server.BASE.toString(), clip.toString());

        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        assertThat(result.getString("protocol")).isEqualTo("put (UpChunk)");
        List<JsonObject> puts = result.getJsonArray("puts").getValuesAs(JsonObject.class);
        long size = Files.size(clip);
        long chunk = 5120 * 1024L;
        assertThat(puts).hasSize((int) ((size + chunk - 1) / chunk));
        assertThat(puts.get(0).getString("contentRange")).startsWith("bytes 0-");
        assertThat(puts.get(puts.size() - 1).getInt("status")).isEqualTo(200);
        String id = result.getString("videoId");
        assertThat(id).isNotEqualTo(visit.getString("videoId"));
        assertThat(sha256(Server.original(id, DEMO).body())).isEqualTo(sha256(Files.readAllBytes(clip)));
    }

    @Test
    void theTokenEndpointServesThePageOnlyAndNeverAnAdmin() {
        HttpResponse<String> issued = send(HttpRequest.newBuilder(Server.url("/demo/token"))
                .header("Origin", Server.BASE.toString().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
        String token = json(issued).getString("token");
        assertThat(get("/api/videos", token).statusCode()).isEqualTo(200);
        Server.assertProblem(get("/api/admin/config", token), 403);

        HttpResponse<String> foreign = send(HttpRequest.newBuilder(Server.url("/demo/token"))
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        Server.assertProblem(foreign, 403);
        assertThat(foreign.body()).doesNotContain("eyJ");
        assertThat(send(HttpRequest.newBuilder(Server.url("/demo/token")).build()).statusCode()).isEqualTo(405);

        HttpResponse<String> page = send(HttpRequest.newBuilder(Server.url("/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self';").doesNotContain("unsafe");
        assertThat(send(HttpRequest.newBuilder(URI.create(Server.url("/demo/hls.min.js").toString())).build()).statusCode())
                .isEqualTo(200);
        for (String elsewhere : List.of("/demo/..%2f..%2fWEB-INF%2fweb.xml", "/demo/vendor/hls.min.js", "/demo/index.html",
                "/demo/licenses/hls.js/LICENSE")) {
            RawHttp.Answer answer = RawHttp.send("GET", elsewhere, java.util.Map.of(), null);
            assertThat(answer.status()).as(elsewhere).isEqualTo(404);
            assertThat(answer.header("Content-Type")).as(elsewhere).startsWith("application/problem+json");
        }
    }
}
