package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
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
    /** A timer tick comes every minute; allow two, the machine may be slow. */
    private static final Duration TWO_TICKS = Duration.ofSeconds(150);

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
     * The real timer on its real schedule (a tick a minute, so this waits one to two minutes).
     * {@code video.expiry.after} is set negative so that a Mux video made now counts as stale
     * to a sweep on the real clock; {@code video.expiry.enabled} is switched as an operator
     * would, through a system property on the running server. What it proves: a tick while
     * disabled leaves the stale video alone, the next tick once enabled expires it.
     */
    @Test
    void theTimerLeavesAStaleVideoAloneWhileDisabledAndExpiresItOnceEnabled() throws Exception {
        setProperty("video.expiry.enabled", "false");
        setProperty("video.expiry.after", "-PT3H");
        String token = userToken("sweep-timer-" + UUID.randomUUID());
        JsonObject video = MuxFixture.createMuxVideo(token, "stale for the timer");
        String id = video.getString("id");
        Instant created = Instant.now();

        JsonObject disabled = awaitTimer(t -> t.containsKey("lastTickAt") && !t.isNull("lastTickAt")
                && Instant.parse(t.getString("lastTickAt")).isAfter(created));
        assertThat(disabled.getBoolean("enabled")).isFalse();
        assertThat(!disabled.containsKey("lastSweepAt") || disabled.isNull("lastSweepAt")
                || Instant.parse(disabled.getString("lastSweepAt")).isBefore(created))
                .as("no sweep while disabled: " + disabled).isTrue();
        assertThat(status(id, token)).isEqualTo("preparing");

        removeProperty("video.expiry.enabled");
        Instant enabled = Instant.now();
        JsonObject swept = awaitTimer(t -> t.containsKey("lastSweepAt") && !t.isNull("lastSweepAt")
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

    /** Polls the admin report's {@code staleUploadTimer} until it satisfies {@code done}. */
    private static JsonObject awaitTimer(Predicate<JsonObject> done) throws InterruptedException {
        long deadline = System.nanoTime() + TWO_TICKS.toNanos();
        JsonObject timer;
        do {
            timer = json(get("/api/admin/config", ADMIN)).getJsonObject("staleUploadTimer");
            if (done.test(timer)) {
                return timer;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the stale-upload timer did not get there within " + TWO_TICKS + ": " + timer);
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
