package com.yourbit.video.providers.local;

import com.yourbit.video.providers.local.MediaProbe.VideoFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.within;

class MediaProbeTest {

    private static final String VIDEO_WITH_AUDIO = """
            {
              "streams": [
                {"index": 0, "codec_type": "audio", "codec_name": "aac", "duration": "2.021000"},
                {"index": 1, "codec_type": "video", "codec_name": "h264", "width": 1440, "height": 1080,
                 "sample_aspect_ratio": "4:3", "display_aspect_ratio": "16:9", "duration": "1.960000",
                 "disposition": {"default": 1, "attached_pic": 0}}
              ],
              "format": {"filename": "in.mp4", "format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "2.000000"}
            }
            """;

    @Test
    void videoStreamGivesItsFacts() {
        // Anamorphic: stored 1440 wide, shown 1920 wide.
        assertThat(MediaProbe.parse(VIDEO_WITH_AUDIO))
                .contains(new VideoFacts(2.0, 1440, 1080, "16:9", "h264", "aac", 1920, 1080, null));
    }

    /** A phone's portrait video: stored landscape, with a display matrix turning it a quarter. */
    @Test
    void aRotatedVideoIsShownTurned() {
        String json = """
                {"streams": [{"codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080,
                  "sample_aspect_ratio": "1:1", "display_aspect_ratio": "16:9",
                  "r_frame_rate": "30/1", "avg_frame_rate": "10350000/345299",
                  "side_data_list": [{"side_data_type": "Display Matrix", "rotation": -90}]}],
                 "format": {"duration": "11.5"}}
                """;

        assertThat(MediaProbe.parse(json))
                .contains(new VideoFacts(11.5, 1920, 1080, "9:16", "h264", null, 1080, 1920, "450000/15013"));
    }

    @Test
    void theOldRotateTagTurnsToo() {
        String json = """
                {"streams": [{"codec_type": "video", "width": 640, "height": 480, "tags": {"rotate": "270"},
                  "avg_frame_rate": "0/0", "r_frame_rate": "25/1"}]}
                """;

        assertThat(MediaProbe.parse(json)).contains(new VideoFacts(null, 640, 480, "3:4", "unknown", null, 480, 640, "25/1"));
        assertThat(MediaProbe.parse(json.replace("270", "180"))).get().extracting(VideoFacts::displayWidth).isEqualTo(640);
    }

    @Test
    void streamDurationIsUsedWhenTheFormatHasNone() {
        String json = """
                {"streams": [{"codec_type": "video", "width": 640, "height": 480, "duration": "3.500000"}],
                 "format": {"format_name": "matroska,webm"}}
                """;

        assertThat(MediaProbe.parse(json)).contains(new VideoFacts(3.5, 640, 480, "4:3", "unknown", null));
    }

    @Test
    void unknownDurationIsNull() {
        String json = """
                {"streams": [{"codec_type": "video", "width": 1280, "height": 720}],
                 "format": {"duration": "N/A"}}
                """;

        assertThat(MediaProbe.parse(json)).contains(new VideoFacts(null, 1280, 720, "16:9", "unknown", null));
    }

    @Test
    void audioOnlyIsNotAVideo() {
        String json = """
                {"streams": [{"codec_type": "audio", "codec_name": "mp3", "duration": "180.000000"}],
                 "format": {"format_name": "mp3", "duration": "180.000000"}}
                """;

        assertThat(MediaProbe.parse(json)).isEmpty();
    }

    @Test
    void coverArtAloneIsNotAVideo() {
        String json = """
                {"streams": [
                  {"codec_type": "audio", "codec_name": "mp3"},
                  {"codec_type": "video", "codec_name": "mjpeg", "width": 600, "height": 600,
                   "disposition": {"default": 0, "attached_pic": 1}}
                 ],
                 "format": {"format_name": "mp3", "duration": "180.000000"}}
                """;

        assertThat(MediaProbe.parse(json)).isEmpty();
    }

    @Test
    void noStreamsIsNotAVideo() {
        assertThat(MediaProbe.parse("{\"format\": {\"duration\": \"1.0\"}}")).isEmpty();
        assertThat(MediaProbe.parse("{\"streams\": [], \"format\": {}}")).isEmpty();
    }

    @Test
    void aspectRatioPrefersASensibleDisplayRatio() {
        assertThat(MediaProbe.aspectRatio("16:9", 1440, 1080)).isEqualTo("16:9");
        assertThat(MediaProbe.aspectRatio("", 1920, 1080)).isEqualTo("16:9");
        assertThat(MediaProbe.aspectRatio("0:1", 640, 480)).isEqualTo("4:3");
        assertThat(MediaProbe.aspectRatio("N/A", 1080, 1920)).isEqualTo("9:16");
        assertThat(MediaProbe.aspectRatio("", 853, 480)).isEqualTo("853:480");
    }

    /** Needs ffmpeg and ffprobe on the PATH (installed on developer machines and in CI); fails without them. */
    @Test
    void probesARealVideoAndRefusesANonVideo(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tiny.mp4");
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25:duration=2",
                "-c:v", "mpeg4", video.toString()))
                .redirectErrorStream(true)
                .start();
        String ffmpegOutput = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
        assertThat(ffmpeg.exitValue()).as("ffmpeg exit code; output: %s", ffmpegOutput).isZero();
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video at all");
        MediaProbe probe = new MediaProbe("ffprobe");

        VideoFacts facts = probe.probe(video).orElseThrow();

        assertThat(facts.width()).isEqualTo(320);
        assertThat(facts.height()).isEqualTo(180);
        assertThat(facts.aspectRatio()).isEqualTo("16:9");
        assertThat(facts.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(probe.probe(text)).isEmpty();
    }

    @Test
    void missingFfprobeIsAnIOException(@TempDir Path dir) {
        MediaProbe probe = new MediaProbe(dir.resolve("no-such-ffprobe").toString());

        assertThatIOException().isThrownBy(() -> probe.probe(dir.resolve("x.mp4")));
    }
}
