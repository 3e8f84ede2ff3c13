package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stale-upload sweep in the running server with Mux (the simulator) as the provider:
 * an unreachable provider makes the sweep retry instead of expire, and the persistent EJB
 * timer itself, switched off and on by configuration.
 */
class StaleUploadSweepIT extends WithMuxSimulator {

    private static final String ADMIN = Server.jwt("sweep-admin-" + UUID.randomUUID(), "user", "admin");
    /** The {@code info} of the sweep's timer, as the management model lists it. */
    private static final String TIMER_INFO = "yourbit-stale-upload-sweep";
    /** Ticks are triggered; should one find the previous tick still running, another follows. */
    private static final Duration RETRIGGER_AFTER = Duration.ofSeconds(5);
    /** Long enough for the timer's own schedule (a tick a minute) to get there twice as well. */
    private static final Duration PATIENCE = Duration.ofSeconds(150);

    @ArquillianResource
    ManagementClient management;

    @AfterEach
    void restore() throws IOException {
        mux.outage(false);
        removeProperty("video.expiry.after");
        removeProperty("video.expiry.enabled");
    }

    @Test
    void whileTheProviderIsDownAStaleVideoIsRetriedNotExpiredAndTheNextSweepAppliesItsAnswer() {
        String token = userToken("sweep-down-" + UUID.randomUUID());
        JsonObject video = MuxFixture.createMuxVideo(token, "abandoned while Mux is down");
        String id = video.getString("id");
        String uploadId = video.getString("uploadId");
        // Mux upload URLs last an hour; three hours on, deadline plus video.expiry.after (1 h) has passed.
        String later = Instant.now().plus(Duration.ofHours(3)).toString();

        mux.outage(true);
        JsonObject down = sweep(later);
        assertThat(down.getInt("retryLater")).isGreaterThanOrEqualTo(1);
        assertThat(status(id, token)).isEqualTo("preparing");
        assertThat(mux.upload(uploadId).getString("status")).isEqualTo("waiting");
        assertThat(mux.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/video/v1/uploads/" + uploadId));

        mux.outage(false);
        JsonObject back = sweep(later);
        assertThat(back.getInt("expired")).isGreaterThanOrEqualTo(1);
        assertThat(status(id, token)).isEqualTo("expired");
        // Mux said the upload was still waiting for its file: expired, and the upload cancelled there.
        assertThat(mux.upload(uploadId).getString("status")).isEqualTo("cancelled");
        assertThat(back.getJsonNumber("totalMillis").longValue()).isGreaterThanOrEqualTo(
                back.getJsonNumber("lookupMillis").longValue());
    }

    /**
     * The container's persistent timer, each tick triggered through the management API (its
     * {@code trigger} operation runs the timeout method as the schedule would) rather than
     * awaited on the schedule, a tick a minute: that it fires on its own is shown by the
     * cluster test, whose stale uploads only the timers expire. {@code video.expiry.after} is
     * set negative so that a Mux video made now counts as stale to a sweep on the real clock;
     * {@code video.expiry.enabled} is switched as an operator would, through a system property
     * on the running server. What it proves: a tick while disabled leaves the stale video
     * alone, the next tick once enabled expires it.
     */
    @Test
    void theTimerLeavesAStaleVideoAloneWhileDisabledAndExpiresItOnceEnabled() throws Exception {
        ModelNode timer = sweepTimer();
        assertThat(timer.get("result", "persistent").asBoolean()).as(timer.toString()).isTrue();
        assertThat(timer.get("result", "schedule", "minute").asString()).as(timer.toString()).isEqualTo("*");
        setProperty("video.expiry.enabled", "false");
        setProperty("video.expiry.after", "-PT3H");
        String token = userToken("sweep-timer-" + UUID.randomUUID());
        JsonObject video = MuxFixture.createMuxVideo(token, "stale for the timer");
        String id = video.getString("id");
        Instant created = Instant.now();

        JsonObject disabled = tickUntil(timer, t -> t.containsKey("lastTickAt") && !t.isNull("lastTickAt")
                && Instant.parse(t.getString("lastTickAt")).isAfter(created));
        assertThat(disabled.getBoolean("enabled")).isFalse();
        assertThat(!disabled.containsKey("lastSweepAt") || disabled.isNull("lastSweepAt")
                || Instant.parse(disabled.getString("lastSweepAt")).isBefore(created))
                .as("no sweep while disabled: " + disabled).isTrue();
        assertThat(status(id, token)).isEqualTo("preparing");

        removeProperty("video.expiry.enabled");
        Instant enabled = Instant.now();
        JsonObject swept = tickUntil(timer, t -> t.containsKey("lastSweepAt") && !t.isNull("lastSweepAt")
                && Instant.parse(t.getString("lastSweepAt")).isAfter(enabled));
        assertThat(swept.getBoolean("enabled")).isTrue();
        assertThat(swept.getJsonObject("lastSweep").getInt("expired")).isGreaterThanOrEqualTo(1);
        assertThat(status(id, token)).isEqualTo("expired");
        assertThat(mux.upload(video.getString("uploadId")).getString("status")).isEqualTo("cancelled");
    }

    private static JsonObject sweep(String asOf) {
        HttpResponse<String> response = send(Server.api("/api/admin/expire-stale?asOf=" + asOf, ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String status(String id, String token) {
        return json(get("/api/videos/" + id, token)).getString("status");
    }

    /**
     * Triggers the timer and polls the admin report's {@code staleUploadTimer} until it
     * satisfies {@code done}, triggering again every few seconds.
     */
    private JsonObject tickUntil(ModelNode sweepTimer, Predicate<JsonObject> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long triggerAt = System.nanoTime();
        JsonObject timer;
        do {
            if (System.nanoTime() - triggerAt >= 0) {
                ModelNode trigger = Operations.createOperation("trigger", sweepTimer.get("address"));
                ModelNode result = management.getControllerClient().execute(trigger);
                assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
                triggerAt = System.nanoTime() + RETRIGGER_AFTER.toNanos();
            }
            timer = json(get("/api/admin/config", ADMIN)).getJsonObject("staleUploadTimer");
            if (done.test(timer)) {
                return timer;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the stale-upload timer did not get there within " + PATIENCE + ": " + timer);
    }

    /**
     * The sweep's timer in the management model (address and attributes), found by its info
     * wherever the deployment and bean are named.
     */
    private ModelNode sweepTimer() throws IOException {
        ModelNode read = Operations.createReadResourceOperation(Operations.createAddress("deployment", "*",
                "subdeployment", "*", "subsystem", "ejb3", "singleton-bean", "*", "service", "timer-service", "timer", "*"));
        read.get("include-runtime").set(true);
        ModelNode result = management.getControllerClient().execute(read);
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
        return result.get("result").asList().stream()
                .filter(timer -> TIMER_INFO.equals(timer.get("result", "info").asStringOrNull()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no timer with info " + TIMER_INFO + ": " + result));
    }

    private void setProperty(String name, String value) throws IOException {
        ModelNode operation = new ModelNode();
        operation.get("address").add("system-property", name);
        operation.get("operation").set("add");
        operation.get("value").set(value);
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
    }

    /** Removes a system property this test may have set; absent is fine. */
    private void removeProperty(String name) throws IOException {
        ModelNode operation = new ModelNode();
        operation.get("address").add("system-property", name);
        operation.get("operation").set("remove");
        management.getControllerClient().execute(operation);
    }
}
