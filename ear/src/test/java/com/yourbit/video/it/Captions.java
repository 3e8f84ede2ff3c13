package com.yourbit.video.it;

import jakarta.json.JsonObject;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;

/** The captions calls of API.md, for the captions ITs of every provider. */
final class Captions {

    /** Two cues: one in the first 6 s segment, one in the second. */
    static final String WEBVTT = "WEBVTT\n\nNOTE two cues, one per segment\n\n"
            + "00:00:01.000 --> 00:00:03.000\nHello captions\n\n"
            + "intro-2\n00:00:06.500 --> 00:00:07.800 align:start\nSecond segment\n";

    private Captions() {
    }

    static HttpResponse<String> put(String token, String videoId, String lang, String query, String webVtt) {
        return send(api("/api/videos/" + videoId + "/captions/" + lang + (query == null ? "" : "?" + query), token)
                .header("Content-Type", "text/vtt").PUT(HttpRequest.BodyPublishers.ofString(webVtt)).build());
    }

    static HttpResponse<String> delete(String token, String videoId, String lang) {
        return send(api("/api/videos/" + videoId + "/captions/" + lang, token).DELETE().build());
    }

    static JsonObject list(String token, String videoId) {
        HttpResponse<String> listed = get("/api/videos/" + videoId + "/captions", token);
        if (listed.statusCode() != 200) {
            throw new AssertionError("list answered " + listed.statusCode() + ": " + listed.body());
        }
        return json(listed);
    }

    /** Polls the list (webhooks arrive on their own time) until it satisfies {@code test}; fails after 30 s. */
    static JsonObject awaitList(String token, String videoId, Predicate<JsonObject> test) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonObject listed = list(token, videoId);
            if (test.test(listed)) {
                return listed;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the captions never got there: " + listed);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The one caption of a list in that language's status, or null. */
    static String statusOf(JsonObject list, String lang) {
        return list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("lang").equals(lang)).map(c -> c.getString("status")).findFirst().orElse(null);
    }
}
