package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that is not what the contract says is refused with a 400 problem and changes
 * nothing: JSON fields of the wrong type, unknown fields, titles with control characters,
 * JSON nested too deep (API bodies and validly signed webhooks), and a Mux-style PUT whose
 * chunked body is longer than its Content-Range.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StrictInputIT {

    private static final int DEEP = 50_000;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void fieldsOfTheWrongTypeAre400AndCreateNothing() {
        String token = userToken("types-" + UUID.randomUUID());
        String[][] bodies = {
                {"{\"title\": 5}", "title"},
                {"{\"title\": 5.5}", "title"},
                {"{\"title\": true}", "title"},
                {"{\"title\": false}", "title"},
                {"{\"title\": {}}", "title"},
                {"{\"title\": [\"a\"]}", "title"},
                {"{\"provider\": 1}", "provider"},
                {"{\"provider\": true}", "provider"},
                {"{\"provider\": [\"local\"]}", "provider"},
                {"{\"title\": \"fine\", \"provider\": {\"name\": \"local\"}}", "provider"},
        };
        for (String[] body : bodies) {
            HttpResponse<String> response = postJson("/api/videos", token, body[0]);
            assertProblem(response, 400, "INVALID_REQUEST");
            assertThat(json(response).getString("detail")).as(body[0]).contains(body[1]);
        }
        assertNoVideos(token);
    }

    @Test
    void aBodyThatIsNotAnObjectIs400AndCreatesNothing() {
        String token = userToken("shape-" + UUID.randomUUID());
        for (String body : new String[]{"[]", "[{\"title\": \"a\"}]", "\"a title\"", "5", "true", "null"}) {
            assertProblem(postJson("/api/videos", token, body), 400, "INVALID_REQUEST");
        }
        assertProblem(postJson("/api/videos", token, "{\"title\": \"a\"} {\"title\": \"b\"}"), 400, "INVALID_JSON");
        assertNoVideos(token);
    }

    @Test
    void unknownAndRepeatedFieldsAre400AndCreateNothing() {
        String token = userToken("unknown-" + UUID.randomUUID());
        HttpResponse<String> typo = postJson("/api/videos", token, "{\"titel\": \"Holiday\"}");
        assertProblem(typo, 400, "INVALID_REQUEST");
        assertThat(json(typo).getString("detail")).contains("titel");
        // the source of an ingest from a URL is an object with one string member, url
        HttpResponse<String> source = postJson("/api/videos", token, "{\"source\": {\"url\": \"https://example.com/a.mp4\", \"method\": \"POST\"}}");
        assertProblem(source, 400, "INVALID_REQUEST");
        assertThat(json(source).getString("detail")).contains("method").contains("source");
        HttpResponse<String> sourceUrl = postJson("/api/videos", token, "{\"source\": {\"url\": [\"https://example.com/a.mp4\"]}}");
        assertProblem(sourceUrl, 400, "INVALID_REQUEST");
        assertThat(json(sourceUrl).getString("detail")).contains("source.url");
        HttpResponse<String> twice = postJson("/api/videos", token, "{\"title\": \"a\", \"title\": \"b\"}");
        assertProblem(twice, 400, "INVALID_REQUEST");
        assertThat(json(twice).getString("detail")).contains("title");
        assertNoVideos(token);
    }

    @Test
    void titlesWithControlCharactersAre400AndCreateNothing() {
        String token = userToken("control-" + UUID.randomUUID());
        for (String escaped : new String[]{"\\u0000", "\\u0001", "\\u0007", "\\t", "\\n", "\\r", "\\u001b", "\\u001f",
                "\\u007f", "\\u0080", "\\u0085", "\\u009f", "\\u2028", "\\u2029", "\\ud800"}) {
            HttpResponse<String> response = postJson("/api/videos", token, "{\"title\": \"before" + escaped + "after\"}");
            assertProblem(response, 400, "INVALID_REQUEST");
            assertThat(json(response).getString("detail")).as(escaped).contains("title");
        }
        assertNoVideos(token);
        JsonObject fine = json(postJson("/api/videos", token, "{\"title\": \"Ferien am See – \\u00e9t\\u00e9 \\ud83c\\udf0a\", \"provider\": \"local\"}"));
        assertThat(fine.getString("title")).isEqualTo("Ferien am See – été \uD83C\uDF0A");
    }

    @Test
    void deeplyNestedApiBodiesAre400AndCreateNothing() {
        String token = userToken("deep-" + UUID.randomUUID());
        // 50,000 levels are 100 KB: over the API's 64 KiB body bound, which refuses first.
        assertProblem(postJson("/api/videos", token, "[".repeat(DEEP) + "]".repeat(DEEP)), 413, "REQUEST_TOO_LARGE");
        String nested = "[".repeat(20_000) + "]".repeat(20_000);
        assertProblem(postJson("/api/videos", token, nested), 400);
        assertProblem(postJson("/api/videos", token, "{\"title\": " + nested + "}"), 400, "INVALID_REQUEST");
        assertProblem(postJson("/api/videos", token, "{\"extra\": " + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}"),
                400, "INVALID_REQUEST");
        assertNoVideos(token);
    }

    @Test
    void aValidlySignedMuxWebhookNestedTooDeepIs400() {
        for (int depth : new int[]{DEEP, 40}) {
            String body = "{\"type\":\"video.asset.ready\",\"id\":\"" + UUID.randomUUID() + "\",\"data\":"
                    + "[".repeat(depth) + "]".repeat(depth) + "}";
            String signature = MuxSimulator.signature(body, Instant.now(), MuxFixture.WEBHOOK_SECRET);
            HttpResponse<String> response = send(HttpRequest.newBuilder(Server.url("/webhooks/mux"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Mux-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertProblem(response, 400, "WEBHOOK_MALFORMED");
        }
    }

    @Test
    void aValidlySignedCloudflareWebhookNestedTooDeepIs400() {
        for (int depth : new int[]{DEEP, 40}) {
            byte[] body = ("{\"uid\":\"" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":"
                    + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            String signature = CloudflareSimulator.signature(body, CloudflareSimulator.WEBHOOK_SECRET, Instant.now());
            HttpResponse<String> response = send(HttpRequest.newBuilder(Server.url("/webhooks/cloudflare"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Webhook-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertProblem(response, 400, "WEBHOOK_MALFORMED");
        }
    }

    @Test
    void aChunkedPutLongerThanItsContentRangeIs400AndWritesNothing() {
        String token = userToken("chunked-" + UUID.randomUUID());
        String url = createVideo(token, "chunked put").getJsonObject("upload").getString("url");

        assertProblem(chunkedPut(url, "bytes 0-2/10", "01234567"), 400, "INVALID_CONTENT_RANGE");
        assertThat(offset(url)).isZero();

        // A chunk of the right size is fine without Content-Length, and so is the next one.
        HttpResponse<String> first = chunkedPut(url, "bytes 0-2/10", "012");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(308);
        assertThat(first.headers().firstValue("Range")).contains("bytes=0-2");
        assertProblem(chunkedPut(url, "bytes 3-5/10", "34567890"), 400, "INVALID_CONTENT_RANGE");
        assertThat(offset(url)).isEqualTo(3);
        // A resent chunk overlapping the stored bytes, with more than its range: refused too.
        assertProblem(chunkedPut(url, "bytes 0-4/10", "0123456789"), 400, "INVALID_CONTENT_RANGE");
        assertThat(offset(url)).isEqualTo(3);

        HttpResponse<String> rest = chunkedPut(url, "bytes 3-9/10", "3456789");
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
    }

    /** A PUT whose body has no Content-Length: HTTP/1.1 chunked transfer coding. */
    private static HttpResponse<String> chunkedPut(String url, String range, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        return send(HttpRequest.newBuilder(URI.create(url)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60)).header("Content-Range", range)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
    }

    private static long offset(String url) {
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static void assertNoVideos(String token) {
        JsonObject list = json(get("/api/videos", token));
        assertThat(list.getJsonArray("items")).as("videos of this user").isEmpty();
    }
}
