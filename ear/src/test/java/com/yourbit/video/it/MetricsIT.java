package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.yourbit.video.it.MuxFixture.createMuxVideo;
import static com.yourbit.video.it.MuxFixture.outcomes;
import static com.yourbit.video.it.MuxFixture.uploadFile;
import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's meters on the management interface's Prometheus endpoint: read before
 * and after real uploads, webhooks, a sweep and provider calls, and the differences checked.
 * Integration tests run one at a time, so nothing else moves these meters meanwhile (the
 * timer's sweeps are tagged {@code trigger="timer"} and not counted here).
 */
class MetricsIT extends WithMuxSimulator {

    private static final String ADMIN = Server.jwt("metrics-admin-" + UUID.randomUUID(), "user", "admin");

    @Test
    void uploadsWebhooksTransitionsAndProviderCallsAreCounted() {
        PrometheusScrape before = PrometheusScrape.now();
        String token = userToken("metrics-" + UUID.randomUUID());

        JsonObject video = createMuxVideo(token, "counted");
        mux.failNext(500);
        assertProblem(postJson("/api/videos", token, "{\"title\":\"refused\",\"provider\":\"mux\"}"), 503);

        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        mux.finishProcessing(assetId);
        String ready = mux.assetEvent("video.asset.ready", assetId);
        assertThat(outcomes(mux.deliver(ready))).containsExactly("applied");
        assertThat(outcomes(mux.deliver(ready))).containsExactly("duplicate");
        assertProblem(mux.deliver(ready, MuxSimulator.signature(ready, Instant.now(), "not-the-secret")), 401);

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.delta(before, "yourbit_uploads_total", "provider", "mux")).isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_provider_calls_seconds_count",
                "provider", "mux", "operation", "create-upload", "outcome", "success")).isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_provider_calls_seconds_count",
                "provider", "mux", "operation", "create-upload", "outcome", "error")).isEqualTo(1.0);
        assertThat(after.sum("yourbit_provider_calls_seconds_sum", "provider", "mux", "operation", "create-upload"))
                .as("latency is recorded").isPositive();
        assertThat(after.delta(before, "yourbit_webhooks_total", "provider", "mux", "result", "accepted", "outcome", "applied"))
                .isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_webhooks_total", "provider", "mux", "result", "duplicate")).isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_webhooks_total", "provider", "mux", "result", "rejected")).isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_webhooks_total", "provider", "mux")).isEqualTo(3.0);
        assertThat(after.delta(before, "yourbit_video_transitions_total",
                "provider", "mux", "from", "preparing", "to", "ready")).isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_video_transitions_total", "provider", "mux")).isEqualTo(1.0);
    }

    @Test
    void anAdminSweepCountsItsRunExpiriesAndTransitions() {
        String token = userToken("metrics-sweep-" + UUID.randomUUID());
        PrometheusScrape before = PrometheusScrape.now();
        String id = createVideo(token, "left behind").getString("id");

        String later = Instant.now().plus(Duration.ofDays(3)).toString();
        HttpResponse<String> response = send(api("/api/admin/expire-stale?asOf=" + later, ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject swept = json(response);
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("expired");

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.delta(before, "yourbit_uploads_total", "provider", "local")).isEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_sweep_runs_total", "trigger", "admin")).isEqualTo(1.0);
        assertThat(swept.getInt("expired")).isPositive();
        assertThat(after.delta(before, "yourbit_sweep_expired_total", "trigger", "admin")).isEqualTo(swept.getInt("expired"));
        assertThat(after.delta(before, "yourbit_sweep_recovered_total", "trigger", "admin")).isEqualTo(swept.getInt("recovered"));
        assertThat(after.delta(before, "yourbit_video_transitions_total", "from", "preparing", "to", "expired"))
                .isGreaterThanOrEqualTo(swept.getInt("expired"));
        assertThat(after.delta(before, "yourbit_video_transitions_total",
                "provider", "local", "from", "preparing", "to", "expired")).isGreaterThanOrEqualTo(1.0);
        assertThat(after.delta(before, "yourbit_provider_calls_seconds_count",
                "provider", "local", "operation", "dispose", "outcome", "success")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void theEndpointServesPrometheusTextWithWildFlysOwnMetricsBesideOurs() {
        createVideo(userToken("metrics-text-" + UUID.randomUUID()), "present");
        PrometheusScrape scrape = PrometheusScrape.now();
        assertThat(scrape.type("yourbit_uploads_total")).isEqualTo("counter");
        assertThat(scrape.type("yourbit_provider_calls_seconds")).isEqualTo("summary");
        assertThat(scrape.has("yourbit_uploads_total")).isTrue();
        assertThat(scrape.sum("yourbit_uploads_total", "provider", "local")).isPositive();
        assertThat(scrape.has("undertow_request_count_total")).as("WildFly's subsystem metrics").isTrue();
        assertThat(Server.send(HttpRequest.newBuilder(Server.MANAGEMENT.resolve("/health/live")).build()).statusCode())
                .isEqualTo(200);
    }
}
