package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.yourbit.video.it.Server.HTTP;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/videos/{id}/events}: a page sees its video change live and resumes where it left. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LiveEventsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** One server-sent event as read off the wire. */
    record Sent(String id, String event, JsonObject data) {
    }

    /** Reads a stream's events on a thread of its own; {@link #next} waits for the next one. */
    static final class Reader implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<Sent> events = new LinkedBlockingQueue<>();
        final Thread thread;

        Reader(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.thread = new Thread(() -> {
                String id = null, event = null;
                StringBuilder data = new StringBuilder();
                Iterator<String> lines = response.body().iterator();
                try {
                    while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.isEmpty()) {
                            if (data.length() > 0) {
                                events.add(new Sent(id, event, Json.createReader(new StringReader(data.toString())).readObject()));
                            }
                            id = null;
                            event = null;
                            data.setLength(0);
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).strip();
                        } else if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).strip());
                        }
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        Sent next() throws InterruptedException {
            Sent sent = events.poll(60, TimeUnit.SECONDS);
            assertThat(sent).as("an event within a minute").isNotNull();
            return sent;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static HttpResponse<Stream<String>> open(String id, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.url("/api/videos/" + id + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    @Test
    void aPageSeesPreparingThenReadyLiveAndResumesFromLastEventId() throws Exception {
        String token = userToken("live-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "watched");
        String id = video.getString("id");
        List<Sent> seen = new ArrayList<>();
        try (Reader reader = new Reader(open(id, token, null))) {
            assertThat(reader.response.statusCode()).isEqualTo(200);
            assertThat(reader.response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            Sent created = reader.next();
            assertThat(created.event()).isEqualTo("video.created");
            assertThat(created.data().getJsonObject("data").getString("status")).isEqualTo("preparing");
            seen.add(created);
            send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                    .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
            Sent next;
            do {
                next = reader.next();
                seen.add(next);
            } while (!next.event().equals("video.ready"));
            assertThat(next.data().getJsonObject("data").getString("status")).isEqualTo("ready");
        }
        List<Long> ids = seen.stream().map(s -> Long.parseLong(s.id())).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();

        // Reconnecting after the first event: everything after it again, nothing before.
        try (Reader again = new Reader(open(id, token, seen.get(0).id()))) {
            Sent first = again.next();
            assertThat(first.id()).isEqualTo(seen.get(1).id());
            assertThat(first.data()).isEqualTo(seen.get(1).data());
        }
        // Deleting the video ends its stream with video.deleted.
        try (Reader last = new Reader(open(id, token, seen.get(seen.size() - 1).id()))) {
            assertThat(send(Server.api("/api/videos/" + id, token).DELETE().build()).statusCode()).isEqualTo(204);
            // The MP4 and storyboard may still have been reported (video.updated) before the deletion.
            Sent deleted;
            do {
                deleted = last.next();
            } while (deleted.event().equals("video.updated"));
            assertThat(deleted.event()).isEqualTo("video.deleted");
            last.thread.join(Duration.ofSeconds(10).toMillis());
            assertThat(last.thread.isAlive()).as("the stream ended after video.deleted").isFalse();
        }
    }

    @Test
    void eachUserHasAtMostFiveStreams() throws Exception {
        String token = userToken("live-" + UUID.randomUUID());
        String id = createVideo(token, "many tabs").getString("id");
        List<Reader> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Reader reader = new Reader(open(id, token, null));
                open.add(reader);
                assertThat(reader.response.statusCode()).isEqualTo(200);
                reader.next();
            }
            HttpResponse<String> sixth = send(Server.api("/api/videos/" + id + "/events", token)
                    .header("Accept", "text/event-stream").GET().build());
            assertProblem(sixth, 429, "STREAM_LIMIT_EXCEEDED");
            assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
            // Another user is not held back by this one.
            String other = userToken("live-" + UUID.randomUUID());
            try (Reader theirs = new Reader(open(createVideo(other, "theirs").getString("id"), other, null))) {
                assertThat(theirs.response.statusCode()).isEqualTo(200);
            }
        } finally {
            open.forEach(Reader::close);
        }
    }

    @Test
    void strangersBadIdsAndBadResumePointsAreRefused() {
        String token = userToken("live-" + UUID.randomUUID());
        String id = createVideo(token, "mine").getString("id");
        String stranger = userToken("live-" + UUID.randomUUID());
        assertProblem(send(Server.api("/api/videos/" + id + "/events", stranger).GET().build()), 404, "VIDEO_NOT_FOUND");
        assertProblem(send(Server.api("/api/videos/not-a-uuid/events", token).GET().build()), 404, "VIDEO_NOT_FOUND");
        assertProblem(send(Server.api("/api/videos/" + id + "/events", null).GET().build()), 401);
        for (String bad : List.of("-1", "abc", "1e3", "9".repeat(30))) {
            assertProblem(send(Server.api("/api/videos/" + id + "/events", token).header("Last-Event-ID", bad).GET().build()),
                    400, "INVALID_REQUEST");
        }
    }
}
