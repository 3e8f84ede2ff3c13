package com.yourbit.video.providers.mux;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook bodies shaped as in Mux's webhook reference (mux.com/docs/core/listen-for-webhooks). */
class MuxUpdateReaderTest {

    private static final String VIDEO_ID = "0b6f6b4e-3f3a-4c3e-9a51-2d1f1a7c9e10";
    private static final String UPLOAD_ID = "OA02dAZQN9XW01gYaTRSoqWL7e02IDGG73ac5CYMi02hU";
    private static final String ASSET_ID = "5ypjBMZ6u01MxDJv2U2FUmlhV4VAAR00AOWhPzLvE7UaA";
    private static final String PLAYBACK_ID = "qxb01i6T202018GFS02vp9RIe01icTcDCjVzQpmaB00CUisJ4";

    private final MuxUpdateReader reader = new MuxUpdateReader(MuxTestKeys.settings("signed").eventFields());

    @Test
    void assetCreatedOnTheUploadRecordsTheAssetId() {
        ProviderUpdate update = reader.fromEvent(event("video.upload.asset_created", "upload", """
                {"id": "%s", "status": "asset_created", "asset_id": "%s", "timeout": 3600, "cors_origin": "*",
                 "new_asset_settings": {"playback_policy": ["signed"], "passthrough": "%s"}}
                """.formatted(UPLOAD_ID, ASSET_ID, VIDEO_ID))).orElseThrow();
        assertThat(update.state()).isEqualTo(ProviderState.PROCESSING);
        assertThat(update.eventKey()).isEqualTo(EventKey.of("evt-1"));
        assertThat(update.uploadId()).isEqualTo(UploadId.of(UPLOAD_ID));
        assertThat(update.assetId()).isEqualTo(AssetId.of(ASSET_ID));
        assertThat(update.videoId()).isEqualTo(VideoId.of(VIDEO_ID));
    }

    @Test
    void readyCarriesEverythingToMatchAndPlay() {
        ProviderUpdate update = reader.fromEvent(event("video.asset.ready", "asset", readyAsset())).orElseThrow();
        assertThat(update.state()).isEqualTo(ProviderState.READY);
        assertThat(update.uploadId()).isEqualTo(UploadId.of(UPLOAD_ID));
        assertThat(update.assetId()).isEqualTo(AssetId.of(ASSET_ID));
        assertThat(update.videoId()).isEqualTo(VideoId.of(VIDEO_ID));
        assertThat(update.ready().playbackId()).isEqualTo(PlaybackId.of(PLAYBACK_ID));
        assertThat(update.ready().durationSeconds()).isEqualTo(23.857167);
        assertThat(update.ready().aspectRatio()).isEqualTo("16:9");
    }

    /** Mux refuses unsigned URLs of a signed playback id: none is kept to be shown. */
    @Test
    void plainUrlsAreKeptOnlyForAPublicPlaybackId() {
        ProviderUpdate signed = reader.fromEvent(event("video.asset.ready", "asset", readyAsset())).orElseThrow();
        assertThat(signed.ready().extUrl()).isNull();
        assertThat(signed.ready().thumbnail()).isNull();

        MuxUpdateReader publicReader = new MuxUpdateReader(MuxTestKeys.settings("public").eventFields());
        ProviderUpdate open = publicReader.fromEvent(event("video.asset.ready", "asset",
                readyAsset().replace("\"policy\": \"signed\"", "\"policy\": \"public\""))).orElseThrow();
        assertThat(open.ready().extUrl()).hasToString("https://stream.mux.com/" + PLAYBACK_ID + ".m3u8");
        assertThat(open.ready().thumbnail()).hasToString("https://image.mux.com/" + PLAYBACK_ID + "/thumbnail.png");

        // configured public, but this asset's playback id is signed (made before the switch)
        ProviderUpdate madeSigned = publicReader.fromEvent(event("video.asset.ready", "asset", readyAsset())).orElseThrow();
        assertThat(madeSigned.ready().extUrl()).isNull();
        assertThat(madeSigned.ready().thumbnail()).isNull();
    }

    @Test
    void anErroredAssetGivesMuxsMessage() {
        ProviderUpdate update = reader.fromEvent(event("video.asset.errored", "asset", """
                {"id": "%s", "status": "errored", "upload_id": "%s", "passthrough": "%s",
                 "errors": {"type": "invalid_input", "messages": ["The file you provided was not a valid video"]}}
                """.formatted(ASSET_ID, UPLOAD_ID, VIDEO_ID))).orElseThrow();
        assertThat(update.state()).isEqualTo(ProviderState.ERRORED);
        assertThat(update.errorReason()).isEqualTo("The file you provided was not a valid video");
    }

    @Test
    void cancelledTimedOutAndDeletedAreGoneAndAnUploadErrorIsAnError() {
        String upload = """
                {"id": "%s", "status": "cancelled", "new_asset_settings": {"passthrough": "%s"}}""".formatted(UPLOAD_ID, VIDEO_ID);
        assertThat(state("video.upload.cancelled", "upload", upload)).isEqualTo(ProviderState.GONE);
        assertThat(state("video.upload.timed_out", "upload", upload)).isEqualTo(ProviderState.GONE);
        assertThat(state("video.asset.deleted", "asset", readyAsset())).isEqualTo(ProviderState.GONE);
        ProviderUpdate errored = reader.fromEvent(event("video.upload.errored", "upload", """
                {"id": "%s", "status": "errored", "error": {"type": "invalid_input", "message": "Unsupported file"}}
                """.formatted(UPLOAD_ID))).orElseThrow();
        assertThat(errored.state()).isEqualTo(ProviderState.ERRORED);
        assertThat(errored.errorReason()).isEqualTo("Unsupported file");
    }

    @Test
    void eventsThisServiceDoesNotActOnAreIgnored() {
        assertThat(reader.fromEvent(event("video.asset.static_renditions.ready", "asset", readyAsset()))).isEmpty();
        assertThat(reader.fromEvent(event("video.asset.track.ready", "asset", "{\"id\": \"t1\", \"asset_id\": \"" + ASSET_ID + "\"}")))
                .isEmpty();
        assertThat(reader.fromEvent(event("video.upload.created", "upload", "{\"id\": \"" + UPLOAD_ID + "\"}"))).isEmpty();
    }

    @Test
    void theStatusIsReadThroughTheActionMapsPointer() {
        MuxSettings base = MuxTestKeys.settings("signed");
        MuxSettings custom = new MuxSettings(base.apiUrl(), "signed", "basic", "*", base.uploadTimeout(),
                base.connectTimeout(), base.readTimeout(), base.webhookTolerance(), "/data/state", "done",
                base.uploadIdPointer(), base.playbackIdPointer(), base.playbackUrl(), base.thumbnailUrl(),
                base.downloadUrl(), base.storyboardUrl(), base.animatedUrl(), base.textTrackUrl(), base.secrets());
        String asset = readyAsset().replace("\"status\": \"ready\"", "\"status\": \"ready\", \"state\": \"done\"");
        assertThat(new MuxUpdateReader(custom.eventFields()).fromEvent(event("video.asset.ready", "asset", asset)).orElseThrow().state())
                .isEqualTo(ProviderState.READY);
        assertThat(new MuxUpdateReader(custom.eventFields()).fromEvent(event("video.asset.ready", "asset", readyAsset()))).isEmpty();
    }

    @Test
    void malformedEventsAreRefused() {
        assertThatThrownBy(() -> reader.fromEvent(json("{\"type\": \"video.asset.ready\", \"data\": {}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.fromEvent(event("video.asset.ready", "asset",
                readyAsset().replace(ASSET_ID, "../../evil"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.fromEvent(event("video.asset.ready", "asset",
                readyAsset().replace(PLAYBACK_ID, "x/y?z"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPassthroughThatIsNotOneOfOurIdsIsNotUsedToMatch() {
        ProviderUpdate update = reader.fromEvent(event("video.asset.ready", "asset",
                readyAsset().replace(VIDEO_ID, "someone else's"))).orElseThrow();
        assertThat(update.videoId()).isNull();
        assertThat(update.uploadId()).isEqualTo(UploadId.of(UPLOAD_ID));
    }

    @Test
    void anApiAnswerIsReadLikeAWebhook() {
        Optional<ProviderUpdate> update = reader.fromAsset(json("{\"data\": " + readyAsset() + "}"));
        assertThat(update).get().extracting(ProviderUpdate::state).isEqualTo(ProviderState.READY);
        assertThat(update.get().eventKey()).isNull();
        assertThat(reader.fromUpload(json("{\"id\": \"" + UPLOAD_ID + "\", \"status\": \"waiting\"}"))).isEmpty();
        assertThat(reader.fromUpload(json("{\"id\": \"" + UPLOAD_ID + "\", \"status\": \"timed_out\"}")).orElseThrow().state())
                .isEqualTo(ProviderState.GONE);
    }

    @Test
    void aReadyAssetTellsItsTopRenditionItsMp4AndItsStoryboard() {
        String asset = readyAsset().replace("\"max_stored_resolution\": \"HD\",", """
                "max_stored_resolution": "FHD", "resolution_tier": "1080p", "max_stored_frame_rate": 29.97,
                "tracks": [{"type": "video", "id": "v1", "max_width": 1920, "max_height": 1080, "max_frame_rate": 29.97},
                           {"type": "audio", "id": "a1", "max_channels": 2}],
                "static_renditions": {"files": [{"id": "sr1", "type": "standard", "status": "preparing",
                    "resolution": "highest", "name": "highest.mp4", "ext": "mp4", "passthrough": "%s"}]},
                """.formatted(VIDEO_ID));
        MediaInventory media = reader.fromEvent(event("video.asset.ready", "asset", asset)).orElseThrow().media();
        assertThat(media.renditions()).containsExactly(new Rendition("1080p", 1920, 1080, null));
        assertThat(media.download()).isEqualTo(DownloadState.PREPARING);
        assertThat(media.storyboard()).isTrue();

        MediaInventory looked = reader.fromAsset(json("{\"data\": " + asset.replace("\"status\": \"preparing\"",
                "\"status\": \"ready\"") + "}")).orElseThrow().media();
        assertThat(looked.download()).isEqualTo(DownloadState.READY);
    }

    @Test
    void anOlderAnswerNamesItsRenditionByTheStoredResolutionAndHasNoMp4() {
        MediaInventory media = reader.fromEvent(event("video.asset.ready", "asset", readyAsset())).orElseThrow().media();
        assertThat(media.renditions()).containsExactly(new Rendition("720p", null, null, null));
        assertThat(media.download()).isEqualTo(DownloadState.NONE);
        assertThat(media.storyboard()).isTrue();

        String audio = readyAsset().replace("\"max_stored_resolution\": \"HD\"", "\"resolution_tier\": \"audio-only\"");
        MediaInventory audioOnly = reader.fromEvent(event("video.asset.ready", "asset", audio)).orElseThrow().media();
        assertThat(audioOnly.renditions()).isEmpty();
        assertThat(audioOnly.storyboard()).isFalse();
    }

    @Test
    void staticRenditionEventsSayWhereTheMp4Stands() {
        ProviderUpdate ready = reader.fromEvent(event("video.asset.static_rendition.ready", "asset", staticRendition("ready")))
                .orElseThrow();
        assertThat(ready.state()).isEqualTo(ProviderState.MEDIA);
        assertThat(ready.eventKey()).isEqualTo(EventKey.of("evt-1"));
        assertThat(ready.assetId()).isEqualTo(AssetId.of(ASSET_ID));
        assertThat(ready.videoId()).isEqualTo(VideoId.of(VIDEO_ID));
        assertThat(ready.media()).isEqualTo(new MediaInventory(List.of(), DownloadState.READY, false));

        assertThat(download("video.asset.static_rendition.created", staticRendition("preparing")))
                .isEqualTo(DownloadState.PREPARING);
        assertThat(download("video.asset.static_rendition.errored", staticRendition("errored"))).isEqualTo(DownloadState.ERRORED);
        assertThat(download("video.asset.static_rendition.skipped", staticRendition("skipped"))).isEqualTo(DownloadState.ERRORED);
        assertThat(reader.fromEvent(event("video.asset.static_rendition.deleted", "asset", staticRendition("deleted")))).isEmpty();
        // an MP4 or M4A made elsewhere (e.g. in Mux's dashboard) is not the one this service serves
        assertThat(reader.fromEvent(event("video.asset.static_rendition.ready", "asset",
                staticRendition("ready").replace("highest.mp4", "audio.m4a")))).isEmpty();
    }

    /** Mux may deliver the MP4's event before the asset's; merging their reports keeps the furthest. */
    @Test
    void anMp4ReadyBeforeItsAssetEndsReadyInAnyOrder() {
        MediaInventory mp4 = reader.fromEvent(event("video.asset.static_rendition.ready", "asset", staticRendition("ready")))
                .orElseThrow().media();
        String asset = readyAsset().replace("\"video_quality\"",
                "\"static_renditions\": {\"files\": [{\"id\": \"sr1\", \"status\": \"preparing\", \"name\": \"highest.mp4\"}]},"
                        + " \"video_quality\"");
        MediaInventory assetReady = reader.fromEvent(event("video.asset.ready", "asset", asset)).orElseThrow().media();
        assertThat(assetReady.download()).isEqualTo(DownloadState.PREPARING);
        assertThat(MediaInventory.empty().merge(mp4).merge(assetReady).download()).isEqualTo(DownloadState.READY);
        assertThat(MediaInventory.empty().merge(assetReady).merge(mp4).download()).isEqualTo(DownloadState.READY);
        assertThat(MediaInventory.empty().merge(mp4).merge(assetReady).merge(mp4))
                .isEqualTo(MediaInventory.empty().merge(assetReady).merge(mp4));
    }

    @Test
    void aStaticRenditionEventWithoutItsAssetIdIsMatchedByTheEventsObjectOrRefused() {
        String withoutAsset = staticRendition("ready").replace("\"asset_id\": \"" + ASSET_ID + "\", ", "");
        JsonObject onAsset = json(event("video.asset.static_rendition.ready", "asset", withoutAsset).toString()
                .replace("\"id\":\"x\"", "\"id\":\"" + ASSET_ID + "\""));
        assertThat(reader.fromEvent(onAsset).orElseThrow().assetId()).isEqualTo(AssetId.of(ASSET_ID));
        assertThatThrownBy(() -> reader.fromEvent(event("video.asset.static_rendition.ready", "static_rendition", withoutAsset)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private DownloadState download(String type, String data) {
        return reader.fromEvent(event(type, "asset", data)).orElseThrow().media().download();
    }

    /** The data of a video.asset.static_rendition.* event (webhook spec: WebhookAssetStaticRendition). */
    @Test
    void textTrackEventsAreTrackReportsNamingOurRefAndTheTrack() {
        String ref = "0b8e4f8e-6a38-4c5e-9a4e-2f1f7d7f6a10";
        String track = """
                {"id": "tr1", "type": "text", "text_type": "subtitles", "text_source": "uploaded", "language_code": "en",
                 "name": "English", "closed_captions": false, "status": "%s", "passthrough": "%s", "asset_id": "%s"%s}
                """;
        ProviderUpdate ready = reader.fromEvent(event("video.asset.track.ready", "track",
                track.formatted("ready", ref, ASSET_ID, ""))).orElseThrow();
        assertThat(ready.state()).isEqualTo(ProviderState.TRACK);
        assertThat(ready.track()).isEqualTo(new com.yourbit.video.api.TrackReport("tr1", ref,
                com.yourbit.video.api.TrackReport.State.READY, null));
        assertThat(ready.assetId().value()).isEqualTo(ASSET_ID);
        assertThat(ready.eventKey().value()).isEqualTo("evt-1");

        ProviderUpdate errored = reader.fromEvent(event("video.asset.track.errored", "track", track.formatted("errored", ref,
                ASSET_ID, ", \"error\": {\"type\": \"invalid_input\", \"messages\": [\"not WebVTT\"]}"))).orElseThrow();
        assertThat(errored.track().state()).isEqualTo(com.yourbit.video.api.TrackReport.State.ERRORED);
        assertThat(errored.track().reason()).isEqualTo("not WebVTT");

        // No passthrough of ours (a track added elsewhere), no asset id (Mux leaves it out at times): matched by track id.
        ProviderUpdate foreign = reader.fromEvent(event("video.asset.track.ready", "track",
                track.formatted("ready", "English", ASSET_ID, "").replace(", \"asset_id\": \"" + ASSET_ID + "\"", ""))).orElseThrow();
        assertThat(foreign.track().ref()).isNull();
        assertThat(foreign.assetId()).isNull();

        assertThat(reader.fromEvent(event("video.asset.track.created", "track", track.formatted("preparing", ref, ASSET_ID, ""))))
                .isEmpty();
        assertThat(reader.fromEvent(event("video.asset.track.deleted", "track", track.formatted("ready", ref, ASSET_ID, ""))))
                .isEmpty();
        assertThat(reader.fromEvent(event("video.asset.track.ready", "track",
                track.formatted("ready", ref, ASSET_ID, "").replace("\"type\": \"text\"", "\"type\": \"audio\"")))).isEmpty();
    }

    private static String staticRendition(String status) {
        return """
                {"id": "sr1", "asset_id": "%s", "type": "standard", "status": "%s", "resolution": "highest",
                 "resolution_tier": "1080p", "name": "highest.mp4", "ext": "mp4", "passthrough": "%s"}
                """.formatted(ASSET_ID, status, VIDEO_ID);
    }

    private ProviderState state(String type, String objectType, String data) {
        return reader.fromEvent(event(type, objectType, data)).orElseThrow().state();
    }

    private static String readyAsset() {
        return """
                {"id": "%s", "status": "ready", "upload_id": "%s", "passthrough": "%s", "duration": 23.857167,
                 "aspect_ratio": "16:9", "max_stored_resolution": "HD", "video_quality": "basic",
                 "playback_ids": [{"id": "%s", "policy": "signed"}], "created_at": "1700000000"}
                """.formatted(ASSET_ID, UPLOAD_ID, VIDEO_ID, PLAYBACK_ID);
    }

    private static JsonObject event(String type, String objectType, String data) {
        return json("""
                {"type": "%s", "object": {"type": "%s", "id": "x"}, "id": "evt-1",
                 "environment": {"name": "Production", "id": "j0863n"}, "data": %s,
                 "created_at": "2024-02-01T10:00:00.000000Z", "attempts": []}
                """.formatted(type, objectType, data));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
