package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The providers' side of {@code bench/run.sh}: the Mux and Cloudflare simulators of the
 * integration tests on their ports, posting webhooks to the benchmarked server. It first makes
 * one ready video per provider for one user (local, Mux, Cloudflare, each with its MP4 made),
 * writes their ids to the file given, then answers every API call after the given latency (a
 * real provider's round trip) until it is stopped.
 *
 * <p>Reads what the tests read: {@code it.base-url}, {@code it.mux.port}, {@code it.cloudflare.port},
 * {@code dev.jwt.key} and the test-only provider secrets from the environment.
 *
 * <pre>java -cp … com.yourbit.video.it.BenchProviders &lt;ids-file&gt; &lt;latency-ms&gt;</pre>
 */
public final class BenchProviders {

    private BenchProviders() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HttpServer writes an answer's headers and body apart; with Nagle's algorithm
        // on, the body waits for the client's delayed ACK of the headers (40 ms on Linux), and
        // a simulator set to 50 ms answered in about 92. Read once, before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path out = Path.of(args[0]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[1]));
        MuxSimulator mux = MuxFixture.startSimulator();
        CloudflareSimulator cloudflare = CloudflareSimulator.start(Server.BASE);

        String user = "bench-" + UUID.randomUUID();
        String token = Server.userToken(user);
        String local = readyLocal(token);
        String muxVideo = readyMux(mux, token);
        String cloudflareVideo = readyCloudflare(token);
        for (String id : new String[] {local, muxVideo, cloudflareVideo}) {
            awaitDownload(id, token);
        }
        Files.writeString(out, Json.createObjectBuilder().add("user", user).add("local", local)
                .add("mux", muxVideo).add("cloudflare", cloudflareVideo).build().toString());

        mux.answerAfter(latency);
        cloudflare.answerAfter(latency);
        System.out.println("providers ready: local " + local + ", mux " + muxVideo + ", cloudflare " + cloudflareVideo
                + "; API calls answered after " + latency.toMillis() + " ms");
        Thread.currentThread().join();
    }

    private static String readyLocal(String token) {
        JsonObject video = Server.createVideo(token, "bench local");
        HttpResponse<String> put = Server.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(video.getJsonObject("upload").getString("url")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(Server.sample())).build());
        check(put.statusCode() / 100 == 2, "local upload answered " + put.statusCode());
        JsonObject processed = Server.awaitProcessed(video.getString("id"), token);
        check("ready".equals(processed.getString("status")), "local video " + processed);
        return processed.getString("id");
    }

    private static String readyMux(MuxSimulator mux, String token) {
        JsonObject video = MuxFixture.createMuxVideo(token, "bench mux");
        MuxFixture.uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        mux.readyStaticRenditions(assetId);
        check(MuxFixture.outcomes(mux.deliver(mux.assetEvent("video.asset.ready", assetId))).contains("applied"),
                "the Mux ready event was not applied");
        return video.getString("id");
    }

    private static String readyCloudflare(String token) {
        JsonObject video = CloudflareFixture.create(token, "bench cloudflare");
        check(CloudflareFixture.postFile(video.getJsonObject("upload").getString("url"), Server.sample()).statusCode() == 200,
                "the Cloudflare upload failed");
        return CloudflareFixture.awaitStatus(video.getString("id"), token, "ready").getString("id");
    }

    /** Asks for the MP4 until it is there (Mux: its static rendition; Cloudflare: its download; local: made on first ask). */
    private static void awaitDownload(String id, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            int status = Server.get("/api/videos/" + id + "/download", token).statusCode();
            if (status == 200) {
                return;
            }
            check(status == 409 && System.nanoTime() < deadline, "the download of " + id + " answered " + status);
            Thread.sleep(250);
        }
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(problem);
        }
    }
}
