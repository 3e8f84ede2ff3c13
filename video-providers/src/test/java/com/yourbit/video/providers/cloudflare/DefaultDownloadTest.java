package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.DownloadState;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultDownloadTest {

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** {@code result} as developers.cloudflare.com/stream/viewing-videos/download-videos shows it. */
    @Test
    void theGuidesShapeWithItsDefaultDownload() {
        DefaultDownload inProgress = DefaultDownload.from(json("""
                {"default":{"status":"inprogress","url":"https://customer-x.cloudflarestream.com/ea95132c15732412d22c1476fa83f27a/downloads/default.mp4",
                 "percentComplete":75.0}}""")).orElseThrow();
        assertThat(inProgress.state()).isEqualTo(DownloadState.PREPARING);
        assertThat(inProgress.percentComplete()).isEqualTo(75.0);
        assertThat(DefaultDownload.from(json("{\"default\":{\"status\":\"ready\",\"percentComplete\":100}}")).orElseThrow().state())
                .isEqualTo(DownloadState.READY);
        assertThat(DefaultDownload.from(json("{\"default\":{\"status\":\"error\"}}")).orElseThrow().state())
                .isEqualTo(DownloadState.ERRORED);
    }

    /** The API reference's create answer, without the {@code default} level. */
    @Test
    void theReferencesFlatShape() {
        DefaultDownload ready = DefaultDownload.from(json("{\"percentComplete\":0,\"status\":\"ready\",\"url\":\"https://x/y\"}")).orElseThrow();
        assertThat(ready.state()).isEqualTo(DownloadState.READY);
        assertThat(ready.percentComplete()).isEqualTo(0.0);
    }

    @Test
    void anAnswerWithoutAKnownStatusIsNone() {
        assertThat(DefaultDownload.from(json("{}"))).isEmpty();
        assertThat(DefaultDownload.from(json("{\"default\":{\"status\":\"queued\"}}"))).isEmpty();
        assertThat(DefaultDownload.from(json("{\"default\":{\"status\":7}}"))).isEmpty();
        assertThat(DefaultDownload.from(json("{\"audio\":{\"status\":\"ready\"}}"))).as("only the MP4 counts").isEmpty();
        assertThat(DefaultDownload.from(json("{\"default\":\"ready\"}"))).isEmpty();
    }
}
