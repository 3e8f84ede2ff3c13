package com.yourbit.video.providers.local;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The MP4 download with the real ffmpeg and ffprobe. */
class Mp4MakerTest {

    private static final String ID = "upload-mp4";

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe("ffprobe");

    private Mp4Maker maker() {
        return new Mp4Maker("ffmpeg", dir.resolve("downloads"));
    }

    @Test
    void h264AndAacAreCopiedOtherCodecsEncoded() {
        assertThat(Mp4Maker.codecs(new MediaProbe.VideoFacts(1.0, 2, 2, "1:1", "h264", "aac")))
                .containsExactly("-c:v", "copy", "-c:a", "copy");
        assertThat(Mp4Maker.codecs(new MediaProbe.VideoFacts(1.0, 2, 2, "1:1", "h264", null)))
                .containsExactly("-c:v", "copy");
        assertThat(Mp4Maker.codecs(new MediaProbe.VideoFacts(1.0, 2, 2, "1:1", "h264", "opus")))
                .containsSequence("-c:v", "copy").containsSequence("-c:a", "aac");
        assertThat(Mp4Maker.codecs(new MediaProbe.VideoFacts(1.0, 2, 2, "1:1", "vp9", "aac")))
                .containsSequence("-c:v", "libx264").containsSequence("-c:a", "copy");
    }

    @Test
    void anH264SourceBecomesAFaststartMp4OfTheSameLength() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "320x180", 3, "libx264", "aac");

        maker().make(ID, source, probe.probe(source).orElseThrow());

        Path mp4 = maker().file(ID);
        assertThat(maker().exists(ID)).isTrue();
        List<String> boxes = TestClips.topLevelBoxes(mp4);
        assertThat(boxes).contains("ftyp", "moov", "mdat");
        assertThat(boxes.indexOf("moov")).as("moov before mdat: %s", boxes).isLessThan(boxes.indexOf("mdat"));
        MediaProbe.VideoFacts made = probe.probe(mp4).orElseThrow();
        assertThat(made.videoCodec()).isEqualTo("h264");
        assertThat(made.audioCodec()).isEqualTo("aac");
        assertThat(made.durationSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(dir.resolve("downloads").resolve(ID + ".partial")).doesNotExist();
    }

    @Test
    void anotherCodecIsEncodedToH264AndAac() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "320x180", 2, "mpeg4", "mp3");

        maker().make(ID, source, probe.probe(source).orElseThrow());

        JsonObject video = TestClips.videoStream(maker().file(ID));
        assertThat(video.getString("codec_name")).isEqualTo("h264");
        assertThat(video.getInt("width")).isEqualTo(320);
        assertThat(probe.probe(maker().file(ID)).orElseThrow().audioCodec()).isEqualTo("aac");
        assertThat(TestClips.topLevelBoxes(maker().file(ID))).startsWith("ftyp", "moov");
    }

    /** A server killed mid-MP4 leaves scratch behind; the next run removes it and puts only a whole file in place. */
    @Test
    void aRunAfterOneThatDiedRemovesItsScratch() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "320x180", 1, "libx264", "aac");
        Path dead = Files.createDirectories(dir.resolve("downloads").resolve(ID + ".partial").resolve("run123"));
        Files.writeString(dead.resolve("download.mp4"), "half an MP4");

        maker().make(ID, source, probe.probe(source).orElseThrow());

        assertThat(dead).doesNotExist();
        try (var names = Files.list(dir.resolve("downloads"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(ID + ".mp4");
        }
    }

    @Test
    void aFailureLeavesNoFileAndSaysWhy() throws Exception {
        Path notAVideo = Files.writeString(dir.resolve("text.bin"), "not a video at all\n".repeat(20));

        assertThatThrownBy(() -> maker().make(ID, notAVideo, new MediaProbe.VideoFacts(1.0, 2, 2, "1:1", "h264", null)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ffmpeg could not make the MP4 (exit");
        assertThat(maker().exists(ID)).isFalse();
        try (var names = Files.list(dir.resolve("downloads"))) {
            assertThat(names).isEmpty();
        }
    }

    @Test
    void deleteRemovesTheMp4() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "320x180", 1, "libx264", null);
        maker().make(ID, source, probe.probe(source).orElseThrow());

        maker().delete(ID);
        maker().delete(ID);

        assertThat(maker().exists(ID)).isFalse();
    }
}
