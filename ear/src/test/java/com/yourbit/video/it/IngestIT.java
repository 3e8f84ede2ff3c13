package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest from a URL ({@code "source": {"url": …}}) end to end, on every provider: the local
 * provider downloads the file itself (whole, through a redirect, resumed with a range after a
 * broken connection and after a server restart; errored for a 404, a non-video, a file above
 * the limit), the Mux and Cloudflare simulators fetch it over HTTP and send their signed
 * webhooks. The ingest policy: a table of URLs that point at this machine, private networks,
 * cloud metadata or other schemes, in every spelling and through redirects, is refused with 422
 * and creates nothing; only the test origin's own address and port are allowed
 * ({@code video.ingest.allowed-hosts} in ear/pom.xml).
 */
class IngestIT extends WithMuxSimulator {

    private static final CloudflareSimulator CLOUDFLARE = CloudflareSimulator.start(Server.BASE);
    private static IngestOrigin origin;

    @ArquillianResource
    ManagementClient management;

    @BeforeAll
    static void startOrigin() {
        origin = new IngestOrigin();
    }

    @AfterAll
    static void stopOrigin() {
        origin.close();
    }

    private static String body(String provider, String url) {
        return Json.createObjectBuilder().add("title", "From a URL").add("provider", provider)
                .add("source", Json.createObjectBuilder().add("url", url)).build().toString();
    }

    private static JsonObject ingest(String token, String provider, String url) {
        HttpResponse<String> response = postJson("/api/videos", token, body(provider, url));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject video = json(response);
        assertThat(video.isNull("upload")).as("no upload for a video fetched from a URL").isTrue();
        // preparing; or already final when the provider fetched before the answer (the service asks it once)
        assertThat(video.getString("status")).isIn("preparing", "ready", "errored");
        assertThat(video.getString("provider")).isEqualTo(provider);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/api/videos/" + video.getString("id")));
        return video;
    }

    private static JsonObject awaitOutcome(String id, String token) {
        JsonObject video = Server.awaitProcessed(id, token);
        assertThat(video.getString("status")).as(video.toString()).isNotEqualTo("preparing");
        return video;
    }

    private static int count(String token) {
        return json(get("/api/videos?limit=100", token)).getJsonArray("items").size();
    }

    /** At least 20 URLs, each refused with 422 problem+json before anything is created anywhere. */
    static List<String> refusedUrls() {
        int server = Server.BASE.getPort();
        int allowed = IngestOrigin.port();
        List<String> urls = new ArrayList<>(List.of(
                "http://127.0.0.1/video.mp4",
                "http://127.0.0.1:" + server + "/api/videos",
                "http://[::1]:" + allowed + "/sample.mp4?ssrf",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://10.0.0.1/video.mp4",
                "http://172.16.0.1/video.mp4",
                "http://192.168.1.1/video.mp4",
                "http://100.64.0.1/video.mp4",
                "http://0.0.0.0:" + allowed + "/sample.mp4?ssrf",
                "http://[::ffff:127.0.0.1]:" + allowed + "/sample.mp4?ssrf",
                "http://[fd00::1]/video.mp4",
                "http://[fe80::1]/video.mp4",
                "http://224.0.0.1/video.mp4",
                "http://2130706433:" + allowed + "/sample.mp4?ssrf",
                "http://0177.0.0.1:" + allowed + "/sample.mp4?ssrf",
                "http://0x7f.1:" + allowed + "/sample.mp4?ssrf",
                "http://127.1:" + allowed + "/sample.mp4?ssrf",
                "http://localhost:" + allowed + "/sample.mp4?ssrf",
                "http://localhost.:" + allowed + "/sample.mp4?ssrf",
                "http://LOCALHOST:" + allowed + "/sample.mp4?ssrf",
                "http://metadata.google.internal/computeMetadata/v1/",
                "HTTP://127.0.0.1:" + server + "/api/videos",
                IngestOrigin.url("/to-loopback"),
                IngestOrigin.url("/to-metadata"),
                "file:///etc/passwd",
                "ftp://127.0.0.1:" + allowed + "/sample.mp4?ssrf",
                "gopher://127.0.0.1:" + allowed + "/_GET?ssrf",
                "jar:http://127.0.0.1:" + allowed + "/a.jar!/sample.mp4?ssrf",
                "http://evil@127.0.0.1:" + allowed + "/sample.mp4?ssrf",
                "http://127.0.0.1:" + allowed + "@127.0.0.1:" + server + "/",
                "/sample.mp4",
                "https://videos.example.com/" + "a".repeat(2100) + ".mp4"));
        assertThat(urls).hasSizeGreaterThanOrEqualTo(20);
        return urls;
    }

    @Test
    void urlsPointingInsideAreRefusedWith422AndNothingIsCreated() {
        String token = userToken("ingest-ssrf-" + UUID.randomUUID());
        for (String url : refusedUrls()) {
            HttpResponse<String> response = postJson("/api/videos", token, body("local", url));
            assertProblem(response, 422, "INGEST_SOURCE_REFUSED");
            assertThat(json(response).getString("detail")).as(url).isNotBlank().doesNotContain("Exception");
        }
        assertThat(count(token)).as("nothing was created").isZero();
        // the refused spellings of the origin's own address never reached it
        assertThat(origin.requests()).noneMatch(r -> "ssrf".equals(r.query()));
    }

    @Test
    void theProvidersHearOfNoRefusedUrl() {
        String token = userToken("ingest-ssrf-providers-" + UUID.randomUUID());
        int muxCalls = mux.requests().size();
        int cloudflareCalls = CLOUDFLARE.calls().size();
        for (String provider : List.of("mux", "cloudflare")) {
            for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://localhost:" + IngestOrigin.port() + "/sample.mp4",
                    IngestOrigin.url("/to-loopback"), "file:///etc/passwd", "http://[::1]/")) {
                assertProblem(postJson("/api/videos", token, body(provider, url)), 422, "INGEST_SOURCE_REFUSED");
            }
        }
        assertThat(count(token)).isZero();
        assertThat(mux.requests().subList(muxCalls, mux.requests().size())).isEmpty();
        assertThat(CLOUDFLARE.calls().subList(cloudflareCalls, CLOUDFLARE.calls().size())).isEmpty();
    }

    @Test
    void aSourceOfAnotherShapeIs400() {
        String token = userToken("ingest-shape-" + UUID.randomUUID());
        for (String source : List.of("\"" + IngestOrigin.url("/sample.mp4") + "\"", "{}", "{\"url\": 5}",
                "{\"url\": \"" + IngestOrigin.url("/sample.mp4") + "\", \"headers\": {\"Authorization\": \"x\"}}")) {
            assertProblem(postJson("/api/videos", token, "{\"source\": " + source + "}"), 400, "INVALID_REQUEST");
        }
        assertThat(count(token)).isZero();
    }

    @Test
    void theLocalProviderDownloadsTheFileAndTheVideoBecomesReady() {
        String token = userToken("ingest-local-" + UUID.randomUUID());
        JsonObject video = ingest(token, "local", IngestOrigin.url("/sample.mp4"));
        JsonObject done = awaitOutcome(video.getString("id"), token);
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("ready");
        assertThat(done.getString("filename")).isEqualTo("sample.mp4");
        HttpResponse<byte[]> original = Server.original(video.getString("id"), token);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(origin.sample());
    }

    @Test
    void aRedirectToAnAllowedUrlIsFollowed() {
        String token = userToken("ingest-redirect-" + UUID.randomUUID());
        JsonObject video = ingest(token, "local", IngestOrigin.url("/to-sample"));
        assertThat(awaitOutcome(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(Server.original(video.getString("id"), token).body()).isEqualTo(origin.sample());
    }

    @Test
    void aBrokenConnectionIsResumedWithARange() {
        String token = userToken("ingest-flaky-" + UUID.randomUUID());
        JsonObject video = ingest(token, "local", IngestOrigin.url("/flaky.mp4"));
        assertThat(awaitOutcome(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(Server.original(video.getString("id"), token).body()).isEqualTo(origin.sample());
        assertThat(origin.requests()).filteredOn(r -> r.path().equals("/flaky.mp4") && r.range() != null)
                .singleElement().satisfies(r -> assertThat(r.range()).matches("bytes=[1-9][0-9]*-"));
    }

    @Test
    void aDownloadCutByAServerRestartResumesFromTheDurableOffset() throws Exception {
        String token = userToken("ingest-restart-" + UUID.randomUUID());
        JsonObject video = ingest(token, "local", IngestOrigin.url("/held.mp4"));
        assertThat(origin.awaitHalfSent(30)).as("the origin sent half the file").isTrue();
        new ServerReload(management).reload();
        JsonObject done = awaitOutcome(video.getString("id"), token);
        origin.release();
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("ready");
        assertThat(Server.original(video.getString("id"), token).body()).isEqualTo(origin.sample());
        assertThat(origin.requests()).filteredOn(r -> r.path().equals("/held.mp4") && r.range() != null)
                .first().satisfies(r -> assertThat(r.range()).matches("bytes=[1-9][0-9]*-"));
    }

    @Test
    void aFailingOriginErrorsTheVideoWithAReason() {
        String token = userToken("ingest-fail-" + UUID.randomUUID());
        String[][] cases = {
                {"/missing.mp4", "HTTP 404"},
                {"/huge.mp4", "larger than the maximum"},
                {"/not-a-video.mp4", "not a video"},
        };
        List<String> ids = new ArrayList<>();
        for (String[] c : cases) {
            ids.add(ingest(token, "local", IngestOrigin.url(c[0])).getString("id"));
        }
        for (int i = 0; i < cases.length; i++) {
            JsonObject done = awaitOutcome(ids.get(i), token);
            assertThat(done.getString("status")).as(cases[i][0]).isEqualTo("errored");
            assertThat(done.getString("errorReason")).as(cases[i][0]).contains(cases[i][1]);
        }
    }

    @Test
    void muxFetchesTheUrlAndTheVideoBecomesReady() {
        String token = userToken("ingest-mux-" + UUID.randomUUID());
        int before = mux.requests().size();
        JsonObject video = ingest(token, "mux", IngestOrigin.url("/sample.mp4"));
        MuxSimulator.Request create = mux.requests().subList(before, mux.requests().size()).stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/video/v1/assets")).findFirst().orElseThrow();
        JsonObject sent = CloudflareFixture.parse(create.body());
        assertThat(sent.getJsonArray("inputs").getJsonObject(0).getString("url")).isEqualTo(IngestOrigin.url("/sample.mp4"));
        assertThat(sent.containsKey("input")).isFalse();
        assertThat(sent.getJsonArray("playback_policies").getString(0)).isEqualTo("signed");
        assertThat(sent.getString("passthrough")).isEqualTo(video.getString("id"));
        assertThat(sent.getJsonObject("meta").getString("title")).isEqualTo("From a URL");
        assertThat(sent.getJsonArray("static_renditions")).isNotEmpty();
        JsonObject done = awaitOutcome(video.getString("id"), token);
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("ready");
        assertThat(done.getString("playbackId")).isNotBlank();
        assertThat(json(get("/api/videos/" + video.getString("id") + "/playback", token)).getString("url"))
                .contains("token=");
    }

    @Test
    void muxThatCannotFetchTheUrlErrorsTheVideo() {
        String token = userToken("ingest-mux-fail-" + UUID.randomUUID());
        JsonObject video = ingest(token, "mux", IngestOrigin.url("/missing.mp4"));
        JsonObject done = awaitOutcome(video.getString("id"), token);
        assertThat(done.getString("status")).isEqualTo("errored");
        assertThat(done.getString("errorReason")).contains("download");
    }

    @Test
    void aMuxFailureLeavesNoVideoBehind() {
        String token = userToken("ingest-mux-down-" + UUID.randomUUID());
        mux.failNext(500);
        HttpResponse<String> response = postJson("/api/videos", token, body("mux", IngestOrigin.url("/sample.mp4")));
        assertThat(response.statusCode()).as(response.body()).isIn(502, 503);
        assertThat(count(token)).isZero();
    }

    @Test
    void cloudflareCopiesTheUrlAndTheVideoBecomesReady() {
        String token = userToken("ingest-cf-" + UUID.randomUUID());
        int before = CLOUDFLARE.calls().size();
        JsonObject video = ingest(token, "cloudflare", IngestOrigin.url("/sample.mp4"));
        CloudflareSimulator.Call copy = CLOUDFLARE.calls().subList(before, CLOUDFLARE.calls().size()).stream()
                .filter(c -> c.method().equals("POST") && c.path().endsWith("/stream/copy")).findFirst().orElseThrow();
        JsonObject sent = CloudflareFixture.parse(copy.body());
        assertThat(sent.getString("url")).isEqualTo(IngestOrigin.url("/sample.mp4"));
        assertThat(sent.getBoolean("requireSignedURLs")).isTrue();
        assertThat(sent.getJsonObject("meta").getString("videoId")).isEqualTo(video.getString("id"));
        assertThat(sent.getJsonObject("meta").getString("name")).isEqualTo("From a URL");
        JsonObject done = CloudflareFixture.awaitStatus(video.getString("id"), token, "ready");
        assertThat(done.getString("playbackId")).isEqualTo(video.getString("uploadId"));
    }

    @Test
    void cloudflareThatCannotFetchTheUrlErrorsTheVideo() {
        String token = userToken("ingest-cf-fail-" + UUID.randomUUID());
        JsonObject video = ingest(token, "cloudflare", IngestOrigin.url("/missing.mp4"));
        JsonObject done = CloudflareFixture.awaitStatus(video.getString("id"), token, "errored");
        assertThat(done.getString("errorReason")).contains("ERR_FETCH_ORIGIN_ERROR");
    }
}
