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
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tus extensions of the local upload URL, one protocol conversation each: deferred
 * length, checksum (460), expiration, concurrent PATCHes (409), metadata, CORS.
 * The IT server runs with a 30 s upload timeout, a 2 s sweep and one allowed origin
 * ({@code it.local.jvm.args} in the ear pom).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TusExtensionsIT {

    private static final String TUS = "1.0.0";
    private static final String ALLOWED_ORIGIN = "https://app.example.test";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    private static HttpRequest.Builder tus(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", TUS);
    }

    private static HttpRequest.Builder patch(String url, long offset) {
        return tus(url).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream");
    }

    private static HttpResponse<String> head(String url) {
        return send(tus(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    private static long offset(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static String checksum(String algorithm, String javaName, byte[] data) throws Exception {
        return algorithm + " " + Base64.getEncoder().encodeToString(MessageDigest.getInstance(javaName).digest(data));
    }

    @Test
    void optionsAdvertisesEveryExtensionAndTheChecksumAlgorithms() {
        String url = createVideo(userToken("options-" + UUID.randomUUID()), "options").getJsonObject("upload").getString("url");
        HttpResponse<String> options = send(HttpRequest.newBuilder(URI.create(url))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Extension").orElseThrow().split(","))
                .contains("creation", "creation-with-upload", "creation-defer-length", "termination", "expiration", "checksum");
        assertThat(options.headers().firstValue("Tus-Checksum-Algorithm").orElseThrow().split(","))
                .contains("sha1", "sha256");
    }

    @Test
    void aDeferredLengthIsDeclaredWithTheLastChunk() {
        String token = userToken("defer-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "deferred");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        int half = file.length / 2;

        assertProblem(send(tus(url).header("Upload-Defer-Length", "2").POST(HttpRequest.BodyPublishers.noBody()).build()), 400);
        HttpResponse<String> created = send(tus(url).header("Upload-Defer-Length", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(send(patch(url, 0).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(file, half))).build())
                .statusCode()).isEqualTo(204);
        HttpResponse<String> head = head(url);
        assertThat(head.headers().firstValue("Upload-Defer-Length")).contains("1");
        assertThat(head.headers().firstValue("Upload-Length")).isEmpty();
        assertThat(offset(head)).isEqualTo(half);

        HttpResponse<String> last = send(patch(url, half).header("Upload-Length", Integer.toString(file.length))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(file, half, file.length))).build());
        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(offset(last)).isEqualTo(file.length);
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
    }

    @Test
    void aChunkThatDoesNotMatchItsChecksumIs460AndDiscarded() throws Exception {
        String token = userToken("checksum-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "checksummed");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        int half = file.length / 2;
        byte[] first = Arrays.copyOf(file, half);
        byte[] rest = Arrays.copyOfRange(file, half, file.length);
        send(tus(url).header("Upload-Length", Integer.toString(file.length)).POST(HttpRequest.BodyPublishers.noBody()).build());

        HttpResponse<String> ok = send(patch(url, 0).header("Upload-Checksum", checksum("sha1", "SHA-1", first))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(first)).build());
        assertThat(ok.statusCode()).isEqualTo(204);

        byte[] corrupted = rest.clone();
        corrupted[10] ^= 0x55;
        HttpResponse<String> mismatch = send(patch(url, half).header("Upload-Checksum", checksum("sha256", "SHA-256", rest))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(corrupted)).build());
        assertProblem(mismatch, 460, "CHECKSUM_MISMATCH");
        assertThat(mismatch.headers().firstValue("Tus-Resumable")).contains(TUS);
        assertThat(offset(head(url))).as("the bad chunk was discarded").isEqualTo(half);

        assertProblem(send(patch(url, half).header("Upload-Checksum", "crc32 AAAAAA==")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(rest)).build()), 400, "UNSUPPORTED_CHECKSUM_ALGORITHM");
        assertProblem(send(patch(url, half).header("Upload-Checksum", "sha256")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(rest)).build()), 400, "INVALID_CHECKSUM");
        assertThat(offset(head(url))).isEqualTo(half);

        HttpResponse<String> retry = send(patch(url, half).header("Upload-Checksum", checksum("sha256", "SHA-256", rest))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(rest)).build());
        assertThat(retry.statusCode()).isEqualTo(204);
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(sha256(Server.original(video.getString("id"), token).body())).isEqualTo(sha256(file));
    }

    /**
     * As tusd: the second request asks the first, still receiving its body, to stop; the first
     * keeps the bytes that arrived, and the second, sent at the old offset, is refused (409).
     */
    @Test
    void twoPatchesAtOnceTheFirstKeepsWhatArrivedTheOtherIsRefusedAndBytesNeverInterleave() throws Exception {
        String token = userToken("race-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "race");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        int half = file.length / 2;
        send(tus(url).header("Upload-Length", Integer.toString(file.length)).POST(HttpRequest.BodyPublishers.noBody()).build());

        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The first PATCH sends a little, then stalls while holding the upload. Its body is a
        // publisher that holds back the rest without blocking a thread of the client: over
        // HTTP/1.1 a blocking body stream would also hold back the first bytes it returned.
        Flow.Publisher<ByteBuffer> slow = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean first = true;
            private boolean held;

            @Override
            public synchronized void request(long n) {
                if (first) {
                    first = false;
                    subscriber.onNext(ByteBuffer.wrap(file, 0, 1000));
                } else if (!held) {
                    held = true;
                    sending.countDown();
                    CompletableFuture.runAsync(() -> {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        subscriber.onNext(ByteBuffer.wrap(file, 1000, half - 1000));
                        subscriber.onComplete();
                    });
                }
            }

            @Override
            public void cancel() {
            }
        });
        CompletableFuture<HttpResponse<String>> first = Server.HTTP.sendAsync(patch(url, 0)
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(slow, half))
                .build(), HttpResponse.BodyHandlers.ofString());
        long kept;
        try {
            assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500); // the server has the first request's headers and its first bytes
            byte[] intruder = new byte[half];
            Arrays.fill(intruder, (byte) 'X');
            HttpResponse<String> second = send(patch(url, 0).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(intruder)).build());
            assertProblem(second, 409, "MISMATCHED_OFFSET");

            kept = offset(head(url));
            assertThat(kept).as("the first request's bytes that arrived").isBetween(1000L, (long) half - 1);
        } finally {
            release.countDown();
        }
        try {
            HttpResponse<String> stopped = first.get(60, TimeUnit.SECONDS);
            assertThat(stopped.statusCode()).as("the stopped request was not completed").isNotEqualTo(204);
        } catch (ExecutionException connectionClosed) {
            // the server may close the connection of a request whose body it stopped reading
        }
        assertThat(offset(head(url))).isEqualTo(kept);

        assertThat(send(patch(url, kept).method("PATCH",
                HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(file, (int) kept, file.length))).build()).statusCode()).isEqualTo(204);
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(sha256(Server.original(video.getString("id"), token).body()))
                .as("no byte of the refused request in the file").isEqualTo(sha256(file));
    }

    @Test
    void metadataIsKeptAndTooLargeUploadsAre413() {
        String url = createVideo(userToken("meta-" + UUID.randomUUID()), "metadata").getJsonObject("upload").getString("url");
        HttpResponse<String> options = send(HttpRequest.newBuilder(URI.create(url)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        long max = Long.parseLong(options.headers().firstValue("Tus-Max-Size").orElseThrow());
        assertProblem(send(tus(url).header("Upload-Length", Long.toString(max + 1)).POST(HttpRequest.BodyPublishers.noBody()).build()), 413, "UPLOAD_TOO_LARGE");

        send(tus(url).header("Upload-Defer-Length", "1")
                .header("Upload-Metadata", "filename aG9saWRheS5tcDQ=,filetype dmlkZW8vbXA0")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> head = head(url);
        assertThat(head.headers().firstValue("Upload-Metadata").orElseThrow().split(","))
                .containsExactlyInAnyOrder("filename aG9saWRheS5tcDQ=", "filetype dmlkZW8vbXA0");
        assertProblem(send(patch(url, 0).header("Upload-Length", Long.toString(max + 1))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build()), 413);
        assertThat(offset(head(url))).isZero();
    }

    @Test
    void anUnfinishedUploadExpiresIsRemovedAndItsVideoExpires() throws Exception {
        String token = userToken("expiry-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "expiring");
        String url = video.getJsonObject("upload").getString("url");
        HttpResponse<String> created = send(tus(url).header("Upload-Length", "1000").POST(HttpRequest.BodyPublishers.noBody()).build());
        String expires = created.headers().firstValue("Upload-Expires").orElseThrow();
        Instant expiresAt = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(expiresAt).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(60));
        HttpResponse<String> patched = send(patch(url, 0).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[100])).build());
        assertThat(patched.headers().firstValue("Upload-Expires")).contains(expires);

        // The sweep runs every 2 s: wait until it has been past the expiry, for at most 30 s more.
        long deadline = expiresAt.toEpochMilli() + 30_000;
        while (System.currentTimeMillis() < deadline && !(head(url).statusCode() != 200
                && "expired".equals(json(get("/api/videos/" + video.getString("id"), token)).getString("status")))) {
            Thread.sleep(500);
        }

        assertThat(head(url).statusCode()).isIn(404, 410);
        assertThat(send(patch(url, 100).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build()).statusCode())
                .isIn(404, 410);
        assertThat(json(get("/api/videos/" + video.getString("id"), token)).getString("status")).isEqualTo("expired");
    }

    @Test
    void corsAllowsTheConfiguredOriginOnlyWithTusdsHeaderLists() {
        String url = createVideo(userToken("cors-" + UUID.randomUUID()), "cors").getJsonObject("upload").getString("url");
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(url)).header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "tus-resumable,upload-offset,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PATCH", "HEAD", "POST", "DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Tus-Resumable", "Upload-Offset", "Upload-Length", "Upload-Metadata", "Upload-Checksum", "Content-Type");

        HttpResponse<String> created = send(tus(url).header("Origin", ALLOWED_ORIGIN).header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
        assertThat(created.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Upload-Offset", "Location", "Tus-Resumable", "Upload-Expires");

        HttpResponse<String> foreign = send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PATCH").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
    }
}
