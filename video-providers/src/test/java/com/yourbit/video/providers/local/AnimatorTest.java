package com.yourbit.video.providers.local;

import com.yourbit.video.api.AnimatedSpec;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Animated previews with the real ffmpeg: size, frame count, cache. */
class AnimatorTest {

    private static final String ID = "upload-animated";

    @TempDir
    static Path clips;

    @TempDir
    Path dir;

    private static Path source;

    @BeforeAll
    static void clip() throws Exception {
        source = TestClips.make(clips.resolve("src.mp4"), "320x180", 4, "libx264", "aac");
    }

    private Animator animator(long cacheBytes) {
        return new Animator("ffmpeg", dir.resolve("animated"), cacheBytes);
    }

    @Test
    void aGifHasTheRequestedWidthAndFpsTimesDurationFrames() throws Exception {
        AnimatedSpec spec = new AnimatedSpec(1, 2.5, 160, null, 10, AnimatedSpec.Format.GIF);

        Path gif = animator(Long.MAX_VALUE).render(ID, source, spec);

        JsonObject stream = TestClips.videoStream(gif);
        assertThat(stream.getString("codec_name")).isEqualTo("gif");
        assertThat(stream.getInt("width")).isEqualTo(160);
        assertThat(stream.getInt("height")).isEqualTo(90);
        assertThat(stream.getString("nb_read_frames")).isEqualTo("15");
        assertThat(Animator.frames(spec)).isEqualTo(15);
    }

    @Test
    void aWebpHasTheRequestedHeightTheWidthFollowingEvenAndEveryFrame() throws Exception {
        AnimatedSpec spec = new AnimatedSpec(0.5, 2.5, null, 99, 12, AnimatedSpec.Format.WEBP);

        TestClips.WebP webp = TestClips.WebP.read(animator(Long.MAX_VALUE).render(ID, source, spec));

        assertThat(webp.height()).isEqualTo(99);
        assertThat(webp.width()).isEqualTo(176); // 99 × 16/9 = 176.0
        assertThat(webp.frames()).isEqualTo(24);
        assertThat(webp.durationMillis()).isBetween(1990, 2010);
    }

    /** Past the video's end the last picture is held: still fps × duration frames, the whole time. */
    @Test
    void aPartPastTheEndHoldsTheLastPicture() throws Exception {
        AnimatedSpec gifSpec = new AnimatedSpec(3, 6, 120, null, 10, AnimatedSpec.Format.GIF);
        AnimatedSpec webpSpec = new AnimatedSpec(3, 6, 120, null, 10, AnimatedSpec.Format.WEBP);

        Path gif = animator(Long.MAX_VALUE).render(ID, source, gifSpec);
        TestClips.WebP webp = TestClips.WebP.read(animator(Long.MAX_VALUE).render(ID, source, webpSpec));

        assertThat(TestClips.videoStream(gif).getString("nb_read_frames")).isEqualTo("30");
        assertThat(Double.parseDouble(TestClips.probe(gif).getJsonObject("format").getString("duration")))
                .isBetween(2.95, 3.05);
        // libwebp stores the held picture once, shown for the rest of the time.
        assertThat(webp.frames()).isBetween(10, 30);
        assertThat(webp.durationMillis()).isBetween(2990, 3010);
    }

    @Test
    void bothSidesGivenFitThePictureInsideThem() throws Exception {
        Path gif = animator(Long.MAX_VALUE).render(ID, source,
                new AnimatedSpec(0, 1, 100, 100, 5, AnimatedSpec.Format.GIF));

        JsonObject stream = TestClips.videoStream(gif);
        assertThat(stream.getInt("width")).isEqualTo(100);
        assertThat(stream.getInt("height")).isEqualTo(56);
        assertThat(stream.getString("nb_read_frames")).isEqualTo("5");
    }

    @Test
    void aSecondRequestIsServedFromTheCache() throws Exception {
        Animator animator = animator(Long.MAX_VALUE);
        AnimatedSpec spec = new AnimatedSpec(0, 1, 64, null, 5, AnimatedSpec.Format.GIF);
        assertThat(animator.cached(ID, spec)).isEmpty();
        Path first = animator.render(ID, source, spec);
        Instant renderedAt = Instant.parse("2020-01-01T00:00:00Z");
        Files.setLastModifiedTime(first, FileTime.from(renderedAt));

        assertThat(animator.cached(ID, spec)).contains(first);
        assertThat(animator.render(ID, source, spec)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first).toInstant()).as("not rendered again").isEqualTo(renderedAt);
        assertThat(animator.cached(ID, new AnimatedSpec(0, 1, 64, null, 5, AnimatedSpec.Format.WEBP))).isEmpty();
    }

    @Test
    void theCacheKeepsToItsSizeAndEvictRemovesAVideosPreviews() throws Exception {
        Animator animator = animator(1);
        AnimatedSpec older = new AnimatedSpec(0, 1, 64, null, 5, AnimatedSpec.Format.GIF);
        AnimatedSpec newer = new AnimatedSpec(1, 2, 64, null, 5, AnimatedSpec.Format.GIF);
        Path first = animator.render(ID, source, older);
        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minusSeconds(60)));

        Path second = animator.render(ID, source, newer);

        assertThat(first).doesNotExist();
        assertThat(second).exists();
        animator.evict(ID);
        assertThat(dir.resolve("animated").resolve(ID)).doesNotExist();
    }

    @Test
    void theScaleFitsABoxAndBoundsTheSideThatFollows() {
        assertThat(Animator.scale(320, null)).isEqualTo(
                "scale=w='if(lte(320/dar,1280),320,2*max(1,round(1280*dar/2)))':h='if(lte(320/dar,1280),2*max(1,round(320/dar/2)),1280)'");
        assertThat(Animator.scale(null, 200)).startsWith("scale=w='if(lte(1280/dar,200),");
    }
}
