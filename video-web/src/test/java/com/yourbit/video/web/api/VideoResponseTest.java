package com.yourbit.video.web.api;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.SourceFile;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.events.VideoDocument;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The video JSON of the API and of the events (built in the domain) are the same document. */
class VideoResponseTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.123456Z");
    private static final ProviderName LOCAL = ProviderName.of("local");
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private static Video preparing() {
        return Video.prepared(VideoId.of("5f0c6f1e-9a43-4d7e-8f39-2c1f4b0a9e11"), "owner", "Tïtle \"quoted\" ☃", LOCAL,
                new DirectUpload(UploadId.of("up-1"), URI.create("http://localhost:8080/uploads/up-1"), UploadProtocol.TUS,
                        T0.plusSeconds(3600)), T0);
    }

    private JsonObject api(Video video) {
        return Json.createReader(new StringReader(jsonb.toJson(VideoResponse.of(video)))).readObject();
    }

    @Test
    void aPreparingVideo() {
        Video video = preparing();
        video.apply(ProviderUpdate.from(LOCAL).upload(UploadId.of("up-1")).source(new SourceFile("clip.mp4", "video/mp4"))
                .processing(T0.plusSeconds(1)), T0.plusSeconds(1));
        assertThat(VideoDocument.of(video)).isEqualTo(api(video));
    }

    @Test
    void aReadyVideoWithRenditions() {
        Video video = preparing();
        video.apply(ProviderUpdate.from(LOCAL).event(EventKey.of("e")).upload(UploadId.of("up-1"))
                .media(MediaInventory.of(List.of(new Rendition("240p", 426, 240, 400_000L), new Rendition("max", null, null, null)))
                        .withDownload(DownloadState.PREPARING).withStoryboard(true))
                .ready(new ReadyDetails(AssetId.of("a"), PlaybackId.of("p"), null, null, 12.5, "16:9"), T0.plusSeconds(9)),
                T0.plusSeconds(9));
        assertThat(VideoDocument.of(video)).isEqualTo(api(video));
    }

    @Test
    void aVideoFetchedFromAUrlHasNoUpload() {
        Video video = Video.ingesting(VideoId.of("5f0c6f1e-9a43-4d7e-8f39-2c1f4b0a9e12"), "owner", "From a URL",
                ProviderName.of("mux"), new IngestStarted(UploadId.of("asset1"), AssetId.of("asset1")), T0, T0.plusSeconds(21600));
        JsonObject json = api(video);
        assertThat(json.isNull("upload")).isTrue();
        assertThat(json.getString("status")).isEqualTo("preparing");
        assertThat(VideoDocument.of(video)).isEqualTo(json);
        video.apply(ProviderUpdate.from(ProviderName.of("mux")).asset(AssetId.of("asset1")).errored("could not fetch", T0),
                T0.plusSeconds(2));
        assertThat(api(video).getString("errorReason")).isEqualTo("could not fetch");
        assertThat(VideoDocument.of(video)).isEqualTo(api(video));
    }

    @Test
    void anErroredVideo() {
        Video video = preparing();
        video.apply(ProviderUpdate.from(LOCAL).upload(UploadId.of("up-1")).errored("not a video", T0), T0.plusSeconds(2));
        assertThat(VideoDocument.of(video)).isEqualTo(api(video));
    }
}
