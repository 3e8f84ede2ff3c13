package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.HostedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The storyboard with the real ffmpeg and ffprobe. */
class StoryboardMakerTest {

    private static final String ID = "upload-storyboard";

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe("ffprobe");

    private StoryboardMaker maker() {
        return new StoryboardMaker("ffmpeg", probe, dir.resolve("storyboards"));
    }

    @Test
    void aSpriteOfEvenTilesAndCuesPointingInsideIt() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "320x180", 5, "libx264", null);

        maker().make(ID, source, 5.0);

        Path made = maker().directory(ID);
        MediaProbe.VideoFacts sprite = probe.probe(made.resolve(StoryboardMaker.IMAGE)).orElseThrow();
        StoryboardLayout layout = StoryboardLayout.of(5.0);
        assertThat(sprite.width()).isEqualTo(layout.columns() * StoryboardMaker.TILE_WIDTH);
        assertThat(sprite.height()).isEqualTo(layout.rows() * 144);
        List<StoryboardLayoutTest.Cue> cues = StoryboardLayoutTest.cues(Files.readString(made.resolve(HostedMedia.STORYBOARD)));
        assertThat(cues).hasSize(5);
        assertThat(cues.get(4).to()).isEqualTo(5000);
        assertThat(cues).allSatisfy(cue -> {
            assertThat(cue.w()).isEqualTo(256);
            assertThat(cue.h()).isEqualTo(144);
            assertThat(cue.x() + cue.w()).isLessThanOrEqualTo(sprite.width());
            assertThat(cue.y() + cue.h()).isLessThanOrEqualTo(sprite.height());
        });
        assertThat(maker().exists(ID)).isTrue();
        try (var names = Files.list(dir.resolve("storyboards"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(ID);
        }
    }

    /** Tiles keep the video's shape: a portrait video's are 256 wide and taller than wide. */
    @Test
    void aPortraitVideosTilesKeepItsShape() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "180x320", 2, "libx264", null);

        maker().make(ID, source, 2.0);

        List<StoryboardLayoutTest.Cue> cues = StoryboardLayoutTest.cues(
                Files.readString(maker().directory(ID).resolve(HostedMedia.STORYBOARD)));
        assertThat(cues).extracting(StoryboardLayoutTest.Cue::w).containsOnly(256);
        assertThat(cues).extracting(StoryboardLayoutTest.Cue::h).containsOnly(456);
    }

    @Test
    void aFailedRunLeavesNoStoryboard() throws Exception {
        Path notAVideo = Files.writeString(dir.resolve("text.bin"), "no pictures here\n".repeat(20));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> maker().make(ID, notAVideo, 3.0))
                .isInstanceOf(java.io.IOException.class);

        assertThat(maker().exists(ID)).isFalse();
        try (var names = Files.list(dir.resolve("storyboards"))) {
            assertThat(names).isEmpty();
        }
    }

    @Test
    void deleteRemovesBothFiles() throws Exception {
        Path source = TestClips.make(dir.resolve("src.mp4"), "320x180", 1, "libx264", null);
        maker().make(ID, source, 1.0);

        maker().delete(ID);

        assertThat(maker().directory(ID)).doesNotExist();
        assertThat(maker().exists(ID)).isFalse();
    }
}
