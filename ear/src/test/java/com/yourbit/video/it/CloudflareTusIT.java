package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.CloudflareFixture.awaitStatus;
import static com.yourbit.video.it.CloudflareFixture.create;
import static com.yourbit.video.it.CloudflareFixture.parse;
import static com.yourbit.video.it.CloudflareFixture.setSystemProperty;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloudflare's direct creator uploads with tus, the default: the upload URL is a tus creation
 * endpoint on this service; the real tus-js-client creates the upload through it, is sent on
 * to the simulator's one-time Location and PATCHes (and resumes) there; the webhook makes the
 * video ready.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudflareTusIT {

    private static final CloudflareSimulator CLOUDFLARE = CloudflareSimulator.start(Server.BASE);
    private static final String SIMULATOR = "http://localhost:" + System.getProperty("it.cloudflare.port");
    private static final int CHUNK = 5 * 1024 * 1024; // Cloudflare's smallest chunk

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @AfterEach
    void noFaultLeftBehind() throws Exception {
        CLOUDFLARE.clearFaults();
        setSystemProperty(management, "video.action-map.cloudflare.upload-expiry", null);
        setSystemProperty(management, "video.action-map.cloudflare.max-size", null);
    }

    @Test
    void tusJsClientCreatesThroughOurEndpointUploadsAndResumesAtCloudflareAndTheVideoPlays(@TempDir Path dir) throws Exception {
        byte[] source = videoOf(2 * CHUNK + 12345);
        Path file = dir.resolve("holiday.mp4");
        Files.write(file, source);
        String token = userToken("cf-tus-" + UUID.randomUUID());
        int creationsBefore = tusCreations().size();
        JsonObject created = create(token, "holiday");
        String id = created.getString("id");
        JsonObject upload = created.getJsonObject("upload");
        assertThat(upload.getString("protocol")).isEqualTo("tus");
        assertThat(upload.getString("url")).matches(Pattern.quote(Server.BASE + "/uploads/cloudflare/") + "[A-Za-z0-9_-]{40,}");
        assertThat(tusCreations()).as("nothing exists at Cloudflare before the browser says the size").hasSize(creationsBefore);

        JsonObject result = NodeScript.run("tus-upload.mjs", upload.getString("url"), file.toString(),
                "--chunk-size=" + CHUNK, "--abort-at=" + CHUNK);

        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        JsonObject first = result.getJsonObject("firstAttempt");
        assertThat(first.getBoolean("aborted")).isTrue();
        assertThat(first.getString("url")).startsWith(SIMULATOR + "/tus/");
        assertThat(result.getJsonNumber("resumedFrom").longValue()).isEqualTo(CHUNK);

        List<CloudflareSimulator.Video> atCloudflare = CLOUDFLARE.videosFor(id);
        assertThat(atCloudflare).hasSize(1);
        CloudflareSimulator.Video video = atCloudflare.get(0);
        assertThat(sha256(video.received())).isEqualTo(sha256(source));
        assertThat(video.uploadLength).isEqualTo(source.length);
        Map<String, String> metadata = video.tusMetadata;
        assertThat(metadata).containsEntry("maxDurationSeconds", "21600").containsEntry("requiresignedurls", "")
                .containsEntry("name", "holiday").containsEntry("videoId", id);
        assertThat(Instant.parse(metadata.get("expiry"))).isAfter(Instant.now().plusSeconds(60));
        assertThat(metadata).doesNotContainKeys("filename", "filetype");
        assertThat(video.requireSignedUrls).isTrue();
        CloudflareSimulator.Call call = tusCreations().get(tusCreations().size() - 1);
        assertThat(call.authorization()).isEqualTo("Bearer " + CloudflareSimulator.API_TOKEN);

        JsonObject ready = awaitStatus(id, token, "ready");
        assertThat(ready.getString("playbackId")).isEqualTo(video.uid);
        assertThat(ready.containsKey("upload") && !ready.isNull("upload")).isFalse();
        assertThat(CLOUDFLARE.awaitDeliveries(video.uid, 1)).extracting(CloudflareSimulator.Delivery::status).containsExactly(200);
        String playback = json(get("/api/videos/" + id + "/playback?ttl=120", token)).getString("url");
        Matcher signed = Pattern.compile("https://customer-" + CloudflareSimulator.CUSTOMER_CODE
                + "\\.cloudflarestream\\.com/([^/.]+\\.[^/.]+\\.[^/.]+)/manifest/video\\.m3u8").matcher(playback);
        assertThat(signed.matches()).as(playback).isTrue();
        JsonObject claims = parse(new String(Base64.getUrlDecoder().decode(signed.group(1).split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.getString("sub")).isEqualTo(video.uid);
    }

    @Test
    void onlyTheFirstCreationRequestCreatesAnUploadAndItAnswersCorsForBrowsers() {
        String token = userToken("cf-tus-once-" + UUID.randomUUID());
        JsonObject created = create(token, "once");
        String url = created.getJsonObject("upload").getString("url");

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(url))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "tus-resumable, upload-length, upload-metadata").build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Upload-Length", "Upload-Metadata", "Tus-Resumable");
        assertThat(preflight.headers().firstValue("Tus-Version")).contains("1.0.0");

        HttpResponse<String> first = creation(url, 1000, "https://app.example");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SIMULATOR + "/tus/");
        assertThat(first.headers().firstValue("Tus-Resumable")).contains("1.0.0");
        assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(first.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Location", "Tus-Resumable");

        // The client resumes at Cloudflare; a second creation must not make a second upload.
        assertProblem(creation(url, 1000, null), 409);
        assertProblem(creation(url, 2000, null), 409);
        assertThat(CLOUDFLARE.videosFor(created.getString("id"))).hasSize(1);
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(location)).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).contains("0");
        assertThat(json(get("/api/videos/" + created.getString("id"), token)).getString("status")).isEqualTo("preparing");

        // Cloudflare's upload URL speaks tus 1.0.0 (and the simulator holds to it).
        byte[] bytes = new byte[1000];
        assertThat(patch(location, 0, bytes, "text/plain", true).statusCode()).isEqualTo(415);
        assertThat(patch(location, 5, bytes, OCTETS, true).statusCode()).isEqualTo(409);
        assertThat(patch(location, 0, bytes, OCTETS, false).statusCode()).isEqualTo(412);
        assertThat(patch(location, 0, new byte[100], OCTETS, true).statusCode()).as("a chunk below 5 MiB that is not the last")
                .isEqualTo(400);
        HttpResponse<String> whole = patch(location, 0, bytes, OCTETS, true);
        assertThat(whole.statusCode()).isEqualTo(204);
        assertThat(whole.headers().firstValue("Upload-Offset")).contains("1000");
        // Not a video: Cloudflare's error reaches the video through the webhook.
        assertThat(awaitStatus(created.getString("id"), token, "errored").getString("errorReason")).startsWith("ERR_NON_VIDEO");
    }

    private static final String OCTETS = "application/offset+octet-stream";

    private static HttpResponse<String> patch(String location, long offset, byte[] body, String type, boolean tus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(location)).header("Content-Type", type)
                .header("Upload-Offset", Long.toString(offset));
        if (tus) {
            request.header("Tus-Resumable", "1.0.0");
        }
        return send(request.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void badCreationRequestsAreRefusedWithProblemsAndCreateNothing() throws Exception {
        String token = userToken("cf-tus-bad-" + UUID.randomUUID());
        JsonObject created = create(token, "refused");
        String url = created.getJsonObject("upload").getString("url");
        int before = tusCreations().size();

        assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 412);
        assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 400);
        assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Defer-Length", "1").POST(HttpRequest.BodyPublishers.noBody()).build()), 400);
        assertProblem(send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0").header("Upload-Length", "10")
                .header("Upload-Metadata", "filename not-base64!").POST(HttpRequest.BodyPublishers.noBody()).build()), 400);
        assertProblem(creation(url, 30L * 1024 * 1024 * 1024 + 1, null), 413);
        setSystemProperty(management, "video.action-map.cloudflare.max-size", "1000");
        assertProblem(creation(url, 1001, null), 413);

        assertProblem(creation(url.substring(0, url.length() - 4) + "AAAA", 10, null), 404);
        assertProblem(creation(Server.BASE + "/uploads/cloudflare/nope", 10, null), 404);
        assertProblem(creation(url.replace("/uploads/cloudflare/", "/uploads/mux/"), 10, null), 404);
        assertProblem(creation(url.replace("/uploads/cloudflare/", "/uploads/nobody/"), 10, null), 404);
        assertThat(tusCreations()).hasSize(before);
        assertThat(json(get("/api/videos/" + created.getString("id"), token)).getString("status")).isEqualTo("preparing");

        // An upload URL past its deadline creates nothing either.
        setSystemProperty(management, "video.action-map.cloudflare.upload-expiry", "PT1S");
        JsonObject late = create(token, "late");
        CloudflareFixture.sleep(2100);
        assertProblem(creation(late.getJsonObject("upload").getString("url"), 10, null), 410);
        assertThat(tusCreations()).hasSize(before);
    }

    @Test
    void cloudflareFailingTheCreationIs502Or503AndTheClientMayRetry() {
        String token = userToken("cf-tus-down-" + UUID.randomUUID());
        JsonObject created = create(token, "retried");
        String url = created.getJsonObject("upload").getString("url");

        CLOUDFLARE.failNext(503, "9", CloudflareSimulator.errors(10002, "Service unavailable"));
        HttpResponse<String> unavailable = creation(url, 1000, null);
        assertProblem(unavailable, 503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("9");

        CLOUDFLARE.failNext(401, null, CloudflareSimulator.errors(10000, "Authentication error"));
        HttpResponse<String> refused = creation(url, 1000, null);
        assertProblem(refused, 502);
        assertThat(refused.body()).doesNotContain(CloudflareSimulator.API_TOKEN);
        assertThat(CLOUDFLARE.videosFor(created.getString("id"))).isEmpty();
        assertThat(json(get("/api/videos/" + created.getString("id"), token)).getString("status")).isEqualTo("preparing");

        HttpResponse<String> retried = creation(url, 1000, null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(CLOUDFLARE.videosFor(created.getString("id"))).hasSize(1);
    }

    @Test
    void deletingAVideoDeletesItsUploadAtCloudflareOnlyOnceOneExists() {
        String token = userToken("cf-tus-del-" + UUID.randomUUID());
        JsonObject never = create(token, "never created");
        int deletes = deletes().size();
        assertThat(send(Server.api("/api/videos/" + never.getString("id"), token).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(deletes()).as("nothing to delete at Cloudflare").hasSize(deletes);

        JsonObject created = create(token, "created");
        assertThat(creation(created.getJsonObject("upload").getString("url"), 1000, null).statusCode()).isEqualTo(201);
        String uid = CLOUDFLARE.videosFor(created.getString("id")).get(0).uid;
        assertThat(send(Server.api("/api/videos/" + created.getString("id"), token).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(CLOUDFLARE.wasDeleted(uid)).isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------

    /** A tus creation request as a browser's tus client sends it. */
    private static HttpResponse<String> creation(String url, long length, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("clip.mp4".getBytes(StandardCharsets.UTF_8)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static List<CloudflareSimulator.Call> tusCreations() {
        return CLOUDFLARE.calls().stream().filter(c -> c.method().equals("POST") && c.path().contains("direct_user=true")).toList();
    }

    private static List<CloudflareSimulator.Call> deletes() {
        return CLOUDFLARE.calls().stream().filter(c -> c.method().equals("DELETE")).toList();
    }

    /** The sample video followed by random bytes: large enough for several of Cloudflare's chunks. */
    private static byte[] videoOf(int size) {
        byte[] sample = Server.sample();
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        System.arraycopy(sample, 0, data, 0, Math.min(sample.length, size));
        return data;
    }
}
