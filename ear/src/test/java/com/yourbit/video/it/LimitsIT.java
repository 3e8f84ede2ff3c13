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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-user limits and backpressure (API.md "Limits"): pending videos, creations per minute,
 * declared upload bytes, and thumbnail rendering bounded so that one user's flood neither
 * runs unbounded ffmpeg processes nor holds request threads. The server runs with the
 * defaults except {@code video.limits.creations-per-minute=60} (ear/pom.xml), so that one
 * user can fill the 50 pending slots in parallel.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

    private static final int PENDING_LIMIT = 50;
    private static final int CREATIONS_PER_MINUTE = 60;
    private static final long TEN_GIB = 10L * 1024 * 1024 * 1024;
    /** The thumbnail executor's threads (wildfly-config/server.cli) plus the one media pipeline job. */
    private static final int MAX_FFMPEG = 2 + 1;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void theFiftyFirstPendingVideoIsRefusedAndNothingIsCreated() {
        String token = userToken("pending-" + UUID.randomUUID());
        for (int i = 0; i < PENDING_LIMIT; i++) {
            createVideo(token, "pending " + i);
        }
        HttpResponse<String> refused = create(token, "one too many");
        assertProblem(refused, 429, "PENDING_LIMIT_EXCEEDED");
        assertRetryAfter(refused, 1, 3600);
        assertThat(preparingCount(token)).isEqualTo(PENDING_LIMIT);
    }

    @Test
    void sixtyParallelCreationsOfOneUserGiveExactlyTheLimit() {
        String token = userToken("parallel-" + UUID.randomUUID());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(Server.HTTP.sendAsync(api("/api/videos", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"p" + i + "\",\"provider\":\"local\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(PENDING_LIMIT);
        answers.stream().filter(r -> r.statusCode() != 201).forEach(r -> {
            assertProblem(r, 429, "PENDING_LIMIT_EXCEEDED");
            assertRetryAfter(r, 1, 3600);
        });
        assertThat(preparingCount(token)).isEqualTo(PENDING_LIMIT);
    }

    /** Deleting videos frees pending slots but not creations: the window counts every creation. */
    @Test
    void creationsPerMinuteAreCountedEvenForDeletedVideos() {
        String token = userToken("rate-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PENDING_LIMIT; i++) {
            ids.add(createVideo(token, "rate " + i).getString("id"));
        }
        for (int i = 0; i < CREATIONS_PER_MINUTE - PENDING_LIMIT + 1; i++) {
            assertThat(send(api("/api/videos/" + ids.get(i), token).DELETE().build()).statusCode()).isEqualTo(204);
        }
        for (int i = PENDING_LIMIT; i < CREATIONS_PER_MINUTE; i++) {
            createVideo(token, "rate " + i);
        }
        assertThat(preparingCount(token)).isEqualTo(PENDING_LIMIT - 1);

        HttpResponse<String> refused = create(token, "too fast");
        assertProblem(refused, 429, "CREATION_RATE_EXCEEDED");
        assertRetryAfter(refused, 1, 60);
        assertThat(preparingCount(token)).isEqualTo(PENDING_LIMIT - 1);
    }

    /**
     * 50 GiB of declared, unfinished uploads per user: five 10 GiB tus creations fit, the sixth
     * (or a PUT declaring as much) is refused and creates no upload; terminating one frees its share.
     */
    @Test
    void declaredUploadBytesAreBoundedPerUser() {
        String token = userToken("bytes-" + UUID.randomUUID());
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            urls.add(createVideo(token, "big " + i).getJsonObject("upload").getString("url"));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(tusCreate(urls.get(i), TEN_GIB).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = tusCreate(urls.get(5), TEN_GIB);
        assertProblem(refused, 429, "UPLOAD_QUOTA_EXCEEDED");
        assertRetryAfter(refused, 1, 3600);
        assertThat(refused.headers().firstValue("Tus-Resumable")).contains("1.0.0");
        assertThat(tusHead(urls.get(5)).statusCode()).isEqualTo(404);

        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(urls.get(6)))
                .header("Content-Range", "bytes 0-0/" + TEN_GIB)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build());
        assertProblem(put, 429, "UPLOAD_QUOTA_EXCEEDED");
        assertThat(tusHead(urls.get(6)).statusCode()).isEqualTo(404);

        assertThat(send(tus(urls.get(0)).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(tusCreate(urls.get(5), TEN_GIB).statusCode()).isEqualTo(201);
    }

    /**
     * 60 concurrent requests for distinct thumbnails of one video: a bounded number renders at
     * once (the rest 503 with Retry-After at once), and another user's list answers meanwhile.
     */
    @Test
    void aThumbnailFloodRunsBoundedFfmpegAndLeavesTheApiAnswering() throws Exception {
        String token = userToken("thumb-flood-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "flood");
        assertThat(send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build())
                .statusCode()).isEqualTo(200);
        JsonObject ready = Server.awaitProcessed(video.getString("id"), token);
        assertThat(ready.getString("status")).isEqualTo("ready");
        double duration = ready.getJsonNumber("durationSeconds").doubleValue();

        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Spread over the first 90 %: a frame just before the end may not exist (422).
            String time = String.format(Locale.ROOT, "%.3f", duration * 0.9 * i / 60);
            HttpResponse<String> signed = get("/api/videos/" + video.getString("id") + "/thumbnail?time=" + time
                    + "&width=" + (200 + 2 * i), token);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            urls.add(json(signed).getString("url"));
        }

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger mostFfmpeg = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (flooding.get()) {
                mostFfmpeg.accumulateAndGet(ffmpegProcessesOfThisServer(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        List<CompletableFuture<HttpResponse<String>>> flood = urls.stream()
                .map(url -> Server.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        String other = userToken("bystander-" + UUID.randomUUID());
        long started = System.nanoTime();
        HttpResponse<String> list = get("/api/videos", other);
        long listMillis = (System.nanoTime() - started) / 1_000_000;
        List<HttpResponse<String>> answers = flood.stream().map(CompletableFuture::join).toList();
        flooding.set(false);
        sampler.join();

        assertThat(list.statusCode()).isEqualTo(200);
        long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<String>> busy = answers.stream().filter(r -> r.statusCode() != 200).toList();
        System.out.printf("thumbnail flood: %d rendered, %d busy, at most %d ffmpeg at once; GET /api/videos meanwhile took %d ms%n",
                ok, busy.size(), mostFfmpeg.get(), listMillis);
        assertThat(ok).isPositive();
        assertThat(busy).isNotEmpty();
        busy.forEach(r -> {
            assertProblem(r, 503, "MEDIA_BUSY");
            assertRetryAfter(r, 1, 60);
        });
        assertThat(mostFfmpeg.get()).isLessThanOrEqualTo(MAX_FFMPEG);
    }

    @Test
    void thumbnailParametersOutsideTheVideoOrSaneSizesAre400() {
        String token = userToken("thumb-params-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "params");
        assertThat(send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build())
                .statusCode()).isEqualTo(200);
        String id = video.getString("id");
        double duration = Server.awaitProcessed(id, token).getJsonNumber("durationSeconds").doubleValue();
        String path = "/api/videos/" + id + "/thumbnail";
        assertProblem(get(path + "?time=" + (duration + 1), token), 400, "INVALID_REQUEST");
        assertProblem(get(path + "?time=-1", token), 400, "INVALID_REQUEST");
        assertProblem(get(path + "?width=3841", token), 400, "INVALID_REQUEST");
        assertProblem(get(path + "?height=2161", token), 400, "INVALID_REQUEST");
        assertProblem(get(path + "?width=0", token), 400, "INVALID_REQUEST");
        assertThat(get(path + "?time=" + duration + "&width=3840&height=2160", token).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> create(String token, String title) {
        return Server.postJson("/api/videos", token, "{\"title\":\"" + title + "\",\"provider\":\"local\"}");
    }

    private static int preparingCount(String token) {
        return json(get("/api/videos?status=preparing&limit=100", token)).getJsonArray("items").size();
    }

    private static void assertRetryAfter(HttpResponse<String> response, long min, long max) {
        String retryAfter = response.headers().firstValue("Retry-After")
                .orElseThrow(() -> new AssertionError("no Retry-After: " + response.headers().map()));
        assertThat(Long.parseLong(retryAfter)).isBetween(min, max);
    }

    private static HttpRequest.Builder tus(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0");
    }

    private static HttpResponse<String> tusCreate(String url, long length) {
        return send(tus(url).header("Upload-Length", Long.toString(length)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> tusHead(String url) {
        return send(tus(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** ffmpeg processes working in this test server's directory (other servers may share the machine). */
    private static int ffmpegProcessesOfThisServer() {
        String serverDir = serverBaseDir();
        return (int) ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(serverDir)).orElse(false))
                .count();
    }

    private static String serverBaseDir() {
        String dir = null;
        for (String arg : System.getProperty("it.jvm.args", "").split("\\s+")) {
            if (arg.startsWith("-Djboss.server.base.dir=")) {
                dir = arg.substring("-Djboss.server.base.dir=".length()); // the last one counts, as for the JVM
            }
        }
        if (dir == null) {
            throw new IllegalStateException("no -Djboss.server.base.dir in it.jvm.args");
        }
        return dir;
    }
}
