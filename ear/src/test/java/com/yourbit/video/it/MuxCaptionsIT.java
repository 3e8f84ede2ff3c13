package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.yourbit.video.it.Captions.WEBVTT;
import static com.yourbit.video.it.Captions.awaitList;
import static com.yourbit.video.it.Captions.delete;
import static com.yourbit.video.it.Captions.list;
import static com.yourbit.video.it.Captions.put;
import static com.yourbit.video.it.Captions.statusOf;
import static com.yourbit.video.it.MuxFixture.createMuxVideo;
import static com.yourbit.video.it.MuxFixture.outcomes;
import static com.yourbit.video.it.MuxFixture.uploadFile;
import static com.yourbit.video.it.MuxFixture.verifiedJwt;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Captions of Mux videos against the Mux simulator: the text track asked for
 * (create-asset-track), the file Mux downloads from this service's signed URL, the
 * {@code video.asset.track.*} webhooks that make it ready (or errored), the signed
 * {@code stream.mux.com/{playback}/text/{track}.vtt} URL, replacement and removal.
 */
class MuxCaptionsIT extends WithMuxSimulator {

    @AfterEach
    void answerFirst() {
        mux.settleTracksBeforeAnswering(false);
    }

    @Test
    void aCaptionIsAddedDownloadedByMuxReadyListedWithASignedUrlAndDeleted() throws Exception {
        String token = userToken("mux-captions-" + UUID.randomUUID());
        Ready video = readyVideo(token);

        HttpResponse<String> added = put(token, video.id, "pt-br", "label=Portugu%C3%AAs", WEBVTT);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).getString("lang")).isEqualTo("pt-BR");
        assertThat(json(added).getString("label")).isEqualTo("Português");

        JsonObject asked = mux.trackRequests().get(mux.trackRequests().size() - 1);
        assertThat(asked.getString("type")).isEqualTo("text");
        assertThat(asked.getString("text_type")).isEqualTo("subtitles");
        assertThat(asked.getString("language_code")).isEqualTo("pt-BR");
        assertThat(asked.getString("name")).isEqualTo("Português");
        assertThat(asked.getString("passthrough")).matches("[0-9a-f-]{36}");
        assertThat(asked.getString("url")).startsWith(Server.BASE + "/media/" + video.id + "/captions/pt-BR.vtt?token=");

        JsonObject ready = awaitList(token, video.id, l -> "ready".equals(statusOf(l, "pt-BR")));
        // Mux really fetched the file from us, and got it.
        assertThat(mux.trackFetches()).anySatisfy(f -> {
            assertThat(f.path()).isEqualTo("/media/" + video.id + "/captions/pt-BR.vtt");
            assertThat(f.body()).isEqualTo("200 " + WEBVTT);
        });
        String trackId = mux.textTracks(video.assetId).get(0).getString("id");
        assertThat(mux.textTracks(video.assetId).get(0).getString("status")).isEqualTo("ready");

        long before = Instant.now().getEpochSecond();
        String url = ready.getJsonArray("items").getJsonObject(0).getString("url");
        assertThat(url).startsWith("https://stream.mux.com/" + video.playbackId + "/text/" + trackId + ".vtt?token=");
        JsonObject[] jwt = verifiedJwt(url.substring(url.indexOf("token=") + 6));
        assertThat(jwt[1].getString("aud")).isEqualTo("v");
        assertThat(jwt[1].getString("sub")).isEqualTo(video.playbackId);
        assertThat(jwt[1].getJsonNumber("exp").longValue()).isCloseTo(before + 3600, within(10L));
        HttpResponse<String> served = send(HttpRequest.newBuilder(mux.cdnUrl(url)).build());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(WEBVTT);
        String unsigned = url.substring(0, url.indexOf('?'));
        assertThat(send(HttpRequest.newBuilder(mux.cdnUrl(unsigned)).build()).statusCode()).isEqualTo(403);

        // A repeated webhook is a duplicate and changes nothing.
        String readyEvent = mux.trackEvent("video.asset.track.ready", video.assetId, trackId);
        assertThat(outcomes(mux.deliver(readyEvent))).containsExactly("unchanged");
        assertThat(outcomes(mux.deliver(readyEvent))).containsExactly("duplicate");

        assertThat(delete(token, video.id, "pt-BR").statusCode()).isEqualTo(204);
        assertThat(mux.textTracks(video.assetId)).isEmpty();
        assertThat(mux.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/video/v1/assets/" + video.assetId + "/tracks/" + trackId);
        });
        assertThat(list(token, video.id).getJsonArray("items")).isEmpty();
        // The fetch URL Mux got no longer serves anything.
        assertThat(send(HttpRequest.newBuilder(URI.create(asked.getString("url"))).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aReplacementIsANewTrackTheOldOneIsDeletedAndItsLateErrorChangesNothing() {
        String token = userToken("mux-captions-" + UUID.randomUUID());
        Ready video = readyVideo(token);
        assertThat(put(token, video.id, "de", null, WEBVTT).statusCode()).isEqualTo(201);
        awaitList(token, video.id, l -> "ready".equals(statusOf(l, "de")));
        String oldTrack = mux.textTracks(video.assetId).get(0).getString("id");
        String lateError = mux.trackEvent("video.asset.track.errored", video.assetId, oldTrack);
        String oldFetchUrl = mux.trackRequests().get(mux.trackRequests().size() - 1).getString("url");

        // The same label: Mux wants track names unique on the asset, so the old track goes first.
        HttpResponse<String> replaced = put(token, video.id, "de", null, WEBVTT.replace("Hello", "Hallo"));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).getString("status")).isIn("preparing", "ready");
        JsonObject ready = awaitList(token, video.id, l -> "ready".equals(statusOf(l, "de")));
        assertThat(ready.getJsonArray("items").getJsonObject(0).getString("label")).isEqualTo("Deutsch");
        List<MuxSimulator.Request> trackCalls = mux.requests().stream()
                .filter(r -> r.path().startsWith("/video/v1/assets/" + video.assetId + "/tracks")).toList();
        assertThat(trackCalls).extracting(MuxSimulator.Request::method).containsExactly("POST", "DELETE", "POST");
        assertThat(trackCalls.get(1).path()).endsWith("/tracks/" + oldTrack);
        List<JsonObject> tracks = mux.textTracks(video.assetId);
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).getString("id")).isNotEqualTo(oldTrack);
        assertThat(ready.getJsonArray("items").getJsonObject(0).getString("url")).contains("/text/" + tracks.get(0).getString("id"));

        // The old version's late error, and its fetch URL, touch nothing of the new one.
        assertThat(outcomes(mux.deliver(lateError))).containsExactly("unknown_video");
        assertThat(statusOf(list(token, video.id), "de")).isEqualTo("ready");
        assertThat(send(HttpRequest.newBuilder(URI.create(oldFetchUrl)).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aReadyWebhookBeforeMuxsAnswerIsRecorded() {
        String token = userToken("mux-captions-" + UUID.randomUUID());
        Ready video = readyVideo(token);
        mux.settleTracksBeforeAnswering(true);
        HttpResponse<String> added = put(token, video.id, "fr", null, WEBVTT);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        // track.created and track.ready were applied while our request waited for Mux's answer.
        assertThat(json(added).getString("status")).isEqualTo("ready");
        assertThat(statusOf(list(token, video.id), "fr")).isEqualTo("ready");
    }

    @Test
    void aFileMuxCannotDownloadMakesTheCaptionErroredWithAnEvent() {
        String token = userToken("mux-captions-" + UUID.randomUUID());
        Ready video = readyVideo(token);
        // Mux's download loses the token on the way: this service refuses it (401) and Mux reports the track errored.
        mux.dropTrackUrlQueries(true);
        try {
            assertThat(put(token, video.id, "es", null, WEBVTT).statusCode()).isEqualTo(201);
            awaitList(token, video.id, l -> "errored".equals(statusOf(l, "es")));
        } finally {
            mux.dropTrackUrlQueries(false);
        }
        assertThat(mux.trackFetches()).anySatisfy(f -> assertThat(f.body()).startsWith("401 "));
        assertThat(mux.textTracks(video.assetId).get(0).getString("status")).isEqualTo("errored");
        assertThat(list(token, video.id).getJsonArray("items").getJsonObject(0).isNull("url")).isTrue();
    }

    @Test
    void aRefusalByMuxIs502AndTheCaptionIsErrored() {
        String token = userToken("mux-captions-" + UUID.randomUUID());
        Ready video = readyVideo(token);
        mux.failNext(400);
        HttpResponse<String> refused = put(token, video.id, "it", null, WEBVTT);
        assertProblem(refused, 502, "PROVIDER_FAILED");
        assertThat(statusOf(list(token, video.id), "it")).isEqualTo("errored");
        assertThat(list(token, video.id).getJsonArray("items").getJsonObject(0).isNull("url")).isTrue();
        // Asking again tries again.
        assertThat(put(token, video.id, "it", null, WEBVTT).statusCode()).isEqualTo(200);
        awaitList(token, video.id, l -> "ready".equals(statusOf(l, "it")));
    }

    private static Ready readyVideo(String token) {
        JsonObject video = createMuxVideo(token, "captions");
        uploadFile(video);
        String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
        JsonObject asset = mux.finishProcessing(assetId);
        assertThat(outcomes(mux.deliver(mux.assetEvent("video.asset.ready", assetId)))).containsExactly("applied");
        return new Ready(video.getString("id"), assetId, asset.getJsonArray("playback_ids").getJsonObject(0).getString("id"));
    }

    private record Ready(String id, String assetId, String playbackId) {
    }
}
