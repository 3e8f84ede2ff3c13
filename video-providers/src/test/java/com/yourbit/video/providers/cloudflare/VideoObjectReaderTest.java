package com.yourbit.video.providers.cloudflare;

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
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoObjectReaderTest {

    /** The action map's defaults (META-INF/microprofile-config.properties). */
    static final VideoObjectMap DEFAULTS = new VideoObjectMap("/uid", "/status/state", "ready", "error", "/readyToStream",
            "/meta/videoId", "/modified", "/status/errorReasonCode", "/status/errorReasonText", "/playback/hls",
            "/thumbnail", "/duration", "/input/width", "/input/height", "/requireSignedURLs");

    private final VideoObjectReader reader = new VideoObjectReader(CloudflareStreamProvider.PROVIDER, DEFAULTS, false);

    /** Cloudflare's webhook example for a finished encoding (developers.cloudflare.com/stream/manage-video-library/using-webhooks). */
    private static final String READY = """
            {"uid":"6b9e68b07dfee8cc2d116e4c51d6a957","creator":null,
             "thumbnail":"https://customer-f33zs165nr7gyfy4.cloudflarestream.com/6b9e68b07dfee8cc2d116e4c51d6a957/thumbnails/thumbnail.jpg",
             "thumbnailTimestampPct":0,"readyToStream":true,
             "status":{"state":"ready","pctComplete":"39.000000","errorReasonCode":"","errorReasonText":""},
             "meta":{"filename":"small.mp4","filetype":"video/mp4","name":"small.mp4","videoId":"3f1c2b9e-1d2a-4c7b-9e8f-0a1b2c3d4e5f"},
             "created":"2022-06-30T17:53:12.512033Z","modified":"2022-06-30T17:53:21.774299Z","size":383631,
             "preview":"https://customer-f33zs165nr7gyfy4.cloudflarestream.com/6b9e68b07dfee8cc2d116e4c51d6a957/watch",
             "allowedOrigins":[],"requireSignedURLs":false,"uploaded":"2022-06-30T17:53:12.511981Z",
             "uploadExpiry":"2022-07-01T17:53:12.511973Z","maxSizeBytes":null,"maxDurationSeconds":null,
             "duration":5.5,"input":{"width":560,"height":320},
             "playback":{"hls":"https://customer-f33zs165nr7gyfy4.cloudflarestream.com/6b9e68b07dfee8cc2d116e4c51d6a957/manifest/video.m3u8",
                         "dash":"https://customer-f33zs165nr7gyfy4.cloudflarestream.com/6b9e68b07dfee8cc2d116e4c51d6a957/manifest/video.mpd"},
             "watermark":null}
            """;

    private static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    @Test
    void aReadyVideoGivesEverythingPlaybackNeeds() {
        ProviderUpdate update = reader.read(json(READY));
        assertThat(update.state()).isEqualTo(ProviderState.READY);
        assertThat(update.uploadId()).isEqualTo(UploadId.of("6b9e68b07dfee8cc2d116e4c51d6a957"));
        assertThat(update.assetId()).isEqualTo(AssetId.of("6b9e68b07dfee8cc2d116e4c51d6a957"));
        assertThat(update.videoId()).isEqualTo(VideoId.of("3f1c2b9e-1d2a-4c7b-9e8f-0a1b2c3d4e5f"));
        assertThat(update.ready().playbackId()).isEqualTo(PlaybackId.of("6b9e68b07dfee8cc2d116e4c51d6a957"));
        assertThat(update.ready().extUrl().toString()).endsWith("/manifest/video.m3u8");
        assertThat(update.ready().thumbnail().toString()).endsWith("/thumbnails/thumbnail.jpg");
        assertThat(update.ready().durationSeconds()).isEqualTo(5.5);
        assertThat(update.ready().aspectRatio()).isEqualTo("7:4");
        assertThat(update.occurredAt()).isEqualTo(Instant.parse("2022-06-30T17:53:21.774299Z"));
        assertThat(update.eventKey()).isEqualTo(EventKey.of("6b9e68b07dfee8cc2d116e4c51d6a957:ready:2022-06-30T17:53:21.774299Z"));
    }

    @Test
    void anErrorCarriesCodeAndText() {
        String body = READY.replace("\"readyToStream\":true", "\"readyToStream\":false")
                .replace("\"state\":\"ready\"", "\"state\":\"error\"")
                .replace("\"errorReasonCode\":\"\"", "\"errorReasonCode\":\"ERR_DURATION_EXCEED_CONSTRAINT\"")
                .replace("\"errorReasonText\":\"\"", "\"errorReasonText\":\"The video duration exceeds the limit\"");
        ProviderUpdate update = reader.read(json(body));
        assertThat(update.state()).isEqualTo(ProviderState.ERRORED);
        assertThat(update.errorReason()).isEqualTo("ERR_DURATION_EXCEED_CONSTRAINT: The video duration exceeds the limit");
        assertThat(update.eventKey().value()).contains(":error:");
    }

    @Test
    void aVideoStillEncodingIsProcessingAndEachStateHasItsOwnKey() {
        String body = READY.replace("\"readyToStream\":true", "\"readyToStream\":false")
                .replace("\"state\":\"ready\"", "\"state\":\"inprogress\"");
        ProviderUpdate update = reader.read(json(body));
        assertThat(update.state()).isEqualTo(ProviderState.PROCESSING);
        assertThat(update.eventKey()).isNotEqualTo(reader.read(json(READY)).eventKey());
    }

    @Test
    void idsThatCouldReshapeAUrlOrAQueryAreRefused() {
        assertThatThrownBy(() -> reader.read(json(READY.replace("\"uid\":\"6b9e68b07dfee8cc2d116e4c51d6a957\"", "\"uid\":\"../../x\""))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.read(json("{\"status\":{\"state\":\"ready\"}}"))).isInstanceOf(IllegalArgumentException.class);
        ProviderUpdate odd = reader.read(json(READY.replace("3f1c2b9e-1d2a-4c7b-9e8f-0a1b2c3d4e5f", "x' OR 1=1")
                .replace("https://customer-f33zs165nr7gyfy4.cloudflarestream.com/6b9e68b07dfee8cc2d116e4c51d6a957/thumbnails", "javascript:alert(1)//")));
        assertThat(odd.videoId()).isNull();
        assertThat(odd.ready().thumbnail()).isNull();
    }

    @Test
    void aspectRatioIsReducedAndUnknownSizesGiveNone() {
        assertThat(VideoObjectReader.aspectRatio(Optional.of(1920.0), Optional.of(1080.0))).isEqualTo("16:9");
        assertThat(VideoObjectReader.aspectRatio(Optional.of(-1.0), Optional.of(-1.0))).isNull();
        assertThat(VideoObjectReader.aspectRatio(Optional.empty(), Optional.of(720.0))).isNull();
    }

    @Test
    void aReadyVideoTellsItsRenditionAndAComposedStoryboardButNoMp4() {
        MediaInventory media = reader.read(json(READY)).media();
        assertThat(media.renditions()).containsExactly(new Rendition("320p", 560, 320, null));
        assertThat(media.storyboard()).isTrue();
        assertThat(media.download()).as("the video object says nothing of downloads").isEqualTo(DownloadState.NONE);

        MediaInventory portrait = reader.read(json(READY.replace("\"input\":{\"width\":560,\"height\":320}",
                "\"input\":{\"width\":1080,\"height\":1920}"))).media();
        assertThat(portrait.renditions()).containsExactly(new Rendition("1080p", 1080, 1920, null));
    }

    @Test
    void unknownSizesOrDurationClaimNothing() {
        MediaInventory media = reader.read(json(READY.replace("\"input\":{\"width\":560,\"height\":320}",
                "\"input\":{\"width\":-1,\"height\":-1}").replace("\"duration\":5.5", "\"duration\":-1"))).media();
        assertThat(media.renditions()).isEmpty();
        assertThat(media.storyboard()).as("a storyboard needs the duration").isFalse();
        assertThat(VideoObjectReader.rendition(Optional.of(1e9), Optional.of(720.0))).isEmpty();
        assertThat(VideoObjectReader.rendition(Optional.of(Double.NaN), Optional.of(720.0))).isEmpty();
        assertThat(reader.read(json(READY.replace("\"state\":\"ready\"", "\"state\":\"inprogress\"")
                .replace("\"readyToStream\":true", "\"readyToStream\":false"))).media()).isNull();
    }

    /** Cloudflare refuses bare-uid URLs of a video that requires signed URLs: they must not reach the video JSON. */
    @Test
    void unsignedUrlsAreReportedOnlyWhenNoSignatureIsRequired() {
        ProviderUpdate signedHere = new VideoObjectReader(CloudflareStreamProvider.PROVIDER, DEFAULTS, true).read(json(READY));
        assertThat(signedHere.ready().thumbnail()).isNull();
        assertThat(signedHere.ready().extUrl()).isNull();
        assertThat(signedHere.ready().playbackId()).isEqualTo(PlaybackId.of("6b9e68b07dfee8cc2d116e4c51d6a957"));

        ProviderUpdate signedThere = reader.read(json(READY.replace("\"requireSignedURLs\":false", "\"requireSignedURLs\":true")));
        assertThat(signedThere.ready().thumbnail()).isNull();
        assertThat(signedThere.ready().extUrl()).isNull();
        assertThat(signedThere.media().storyboard()).isTrue();
    }
}
