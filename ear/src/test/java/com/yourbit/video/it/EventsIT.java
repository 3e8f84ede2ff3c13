package com.yourbit.video.it;

import com.yourbit.video.it.events.EventReceiver;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events to the web tier (API.md): every change of a video reaches {@code video.notify.url}
 * signed as Standard Webhooks, in order per video, again and again until the endpoint takes it.
 * The build points the service at {@link EventReceiver} with a retry schedule of seconds and a
 * 2 s timeout (ear/pom.xml, it.notify.jvm.args).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EventReceiver receiver;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new EventReceiver(Integer.getInteger("it.notify.port"), Duration.ofSeconds(4));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void anEventFailingTwiceThenTimingOutArrivesSignedAndTheVideosLaterEventsWaitForIt() throws Exception {
        String token = userToken("events-" + UUID.randomUUID());
        String title = "told of every change " + UUID.randomUUID();
        // video.created: 500, 500, no answer within the timeout, then 204.
        receiver.script(title, 500, 500, EventReceiver.TIMEOUT);
        JsonObject video = createVideo(token, title);
        String id = video.getString("id");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(Server.awaitProcessed(id, token).getString("status")).isEqualTo("ready");
        assertThat(send(Server.api("/api/videos/" + id, token).DELETE().build()).statusCode()).isEqualTo(204);

        List<EventReceiver.Received> got = await(id, r -> r.type().equals("video.deleted") && r.answeredWith() == 204);
        EventReceiver.Received created = got.get(0);
        assertThat(created.type()).isEqualTo("video.created");
        // The same message four times: same webhook-id, same body; only the attempt's timestamp and signature differ.
        assertThat(got.subList(0, 4)).allSatisfy(r -> {
            assertThat(r.id()).isEqualTo(created.id());
            assertThat(r.body()).isEqualTo(created.body());
        });
        assertThat(got.subList(0, 4)).extracting(EventReceiver.Received::answeredWith)
                .containsExactly(500, 500, EventReceiver.TIMEOUT, 204);
        // Nothing of this video was sent before its first event went through, and then in order.
        List<EventReceiver.Received> accepted = got.stream().filter(r -> r.answeredWith() == 204).toList();
        assertThat(accepted).extracting(EventReceiver.Received::type).startsWith("video.created").endsWith("video.deleted")
                .contains("video.ready");
        assertThat(accepted.stream().map(EventReceiver.Received::id).distinct()).hasSize(accepted.size());
        List<String> statuses = accepted.stream().map(r -> r.json().getJsonObject("data").getString("status")).toList();
        assertThat(statuses.indexOf("ready")).isGreaterThan(statuses.lastIndexOf("preparing"));
        // data is the video JSON of the API.
        JsonObject ready = accepted.stream().filter(r -> r.type().equals("video.ready")).findFirst().orElseThrow().json();
        assertThat(ready.getJsonObject("data").getString("playbackId")).isNotBlank();
        assertThat(ready.getString("timestamp")).isNotBlank();

        JsonObject check = verify(got);
        assertThat(check.getInt("verified")).isEqualTo(got.size());
        assertThat(check.getJsonArray("failed")).isEmpty();
    }

    @Test
    void theReferenceVerifierRefusesATamperedEvent() throws Exception {
        String token = userToken("events-" + UUID.randomUUID());
        String id = createVideo(token, "tampered").getString("id");
        EventReceiver.Received created = await(id, r -> r.answeredWith() == 204).get(0);
        EventReceiver.Received tampered = new EventReceiver.Received(created.id(), created.timestamp(), created.signature(),
                created.body().replace("tampered", "tamperes"), 204);
        JsonObject check = verify(List.of(created, tampered));
        assertThat(check.getInt("verified")).isEqualTo(1);
        assertThat(check.getJsonArray("failed")).hasSize(1);
    }

    @Test
    void anAdministratorSeesDeliveriesAndRedeliversAnEvent() {
        String token = userToken("events-" + UUID.randomUUID());
        String id = createVideo(token, "redelivered").getString("id");
        EventReceiver.Received created = await(id, r -> r.answeredWith() == 204).get(0);
        String admin = Server.jwt("ops-" + UUID.randomUUID(), "admin");

        // The answer is recorded just after the receiver gave it.
        JsonObject mine = null;
        for (long deadline = System.nanoTime() + WAIT.toNanos(); mine == null && System.nanoTime() < deadline; ) {
            mine = json(get("/api/admin/events?status=delivered&limit=500", admin)).getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream()
                    .filter(d -> d.getString("eventId").equals(created.id())).findFirst().orElse(null);
        }
        assertThat(mine).as("the delivered event in the administrator's list").isNotNull();
        assertThat(mine.getString("type")).isEqualTo("video.created");
        assertThat(mine.getString("videoId")).isEqualTo(id);
        assertThat(mine.getInt("lastStatus")).isEqualTo(204);
        assertThat(mine.getInt("attempts")).isEqualTo(1);

        HttpResponse<String> redeliver = send(Server.api("/api/admin/events/" + created.id() + "/redeliver", admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(redeliver.statusCode()).isEqualTo(202);
        List<EventReceiver.Received> again = await(id, r -> r.id().equals(created.id()), 2);
        assertThat(again.get(1).body()).isEqualTo(created.body());
    }

    @Test
    void theAdminCallsRefuseBadInputAndNonAdministrators() {
        String admin = Server.jwt("ops-" + UUID.randomUUID(), "admin");
        assertProblem(get("/api/admin/events?status=lost", admin), 400, "INVALID_REQUEST");
        assertProblem(get("/api/admin/events?status=FAILED", admin), 400, "INVALID_REQUEST");
        assertProblem(get("/api/admin/events?limit=0", admin), 400, "INVALID_REQUEST");
        assertProblem(get("/api/admin/events?limit=ten", admin), 400, "INVALID_REQUEST");
        for (String id : List.of("msg_" + "0".repeat(32), "nope", "msg_..%2F..", "msg_" + "a".repeat(300))) {
            assertProblem(send(Server.api("/api/admin/events/" + id + "/redeliver", admin)
                    .POST(HttpRequest.BodyPublishers.noBody()).build()), 404);
        }
        assertProblem(get("/api/admin/events", userToken("someone")), 403);
        assertProblem(get("/api/admin/events", null), 401);
    }

    @Test
    void aCaptionThatBecomesReadyIsToldWithTheCaptionInTheVideosData() {
        String token = userToken("events-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "captioned");
        String id = video.getString("id");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(Server.awaitProcessed(id, token).getString("status")).isEqualTo("ready");
        assertThat(Captions.put(token, id, "en", null, Captions.WEBVTT).statusCode()).isEqualTo(201);

        List<EventReceiver.Received> got = await(id, r -> r.type().equals("video.caption.ready") && r.answeredWith() == 204);
        EventReceiver.Received ready = got.stream().filter(r -> r.type().equals("video.caption.ready")).findFirst().orElseThrow();
        JsonObject data = ready.json().getJsonObject("data");
        assertThat(data.getString("id")).isEqualTo(id);
        assertThat(data.getString("status")).isEqualTo("ready");
        assertThat(data.getJsonObject("caption").toString()).isEqualTo("{\"lang\":\"en\",\"label\":\"English\",\"status\":\"ready\"}");
        // In order after the video's own events: its seq is the video's version after the change.
        assertThat(got.stream().map(EventReceiver.Received::type).distinct().toList()).endsWith("video.caption.ready");
    }

    private static List<EventReceiver.Received> await(String videoId, Predicate<EventReceiver.Received> last) {
        return await(videoId, last, 1);
    }

    /** The video's requests so far, once {@code count} of them match; fails after a minute. */
    private static List<EventReceiver.Received> await(String videoId, Predicate<EventReceiver.Received> match, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<EventReceiver.Received> got = receiver.about(videoId);
            if (got.stream().filter(match).count() >= count) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver got only " + got.stream().map(r -> r.type() + "=" + r.answeredWith()).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonObject verify(List<EventReceiver.Received> deliveries) throws Exception {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (EventReceiver.Received r : deliveries) {
            array.add(Json.createObjectBuilder().add("id", r.id()).add("timestamp", r.timestamp())
                    .add("signature", r.signature()).add("body", r.body()));
        }
        Path file = Files.createTempFile("deliveries", ".json");
        try {
            Files.writeString(file, array.build().toString());
            return NodeScript.run("verify-webhooks.mjs", System.getProperty("it.notify.secret"), file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
