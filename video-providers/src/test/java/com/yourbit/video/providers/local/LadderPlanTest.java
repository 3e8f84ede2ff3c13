package com.yourbit.video.providers.local;

import com.yourbit.video.providers.local.LadderPlan.PlannedRung;
import com.yourbit.video.providers.local.MediaProbe.VideoFacts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LadderPlanTest {

    private static final LadderSettings LADDER = DefaultLadder.settings();

    private static VideoFacts video(int width, int height, String frameRate) {
        return new VideoFacts(10.0, width, height, "", "h264", "aac", width, height, frameRate);
    }

    private static List<String> sizes(LadderPlan plan) {
        return plan.rungs().stream().map(r -> r.name() + "=" + r.width() + "x" + r.height()).toList();
    }

    @Test
    void a1080pVideoGetsEveryRungUpTo1080p() {
        LadderPlan plan = LadderPlan.of(video(1920, 1080, "30/1"), LADDER);

        assertThat(sizes(plan)).containsExactly("240p=426x240", "360p=640x360", "480p=854x480", "720p=1280x720",
                "1080p=1920x1080");
        assertThat(plan.first().name()).isEqualTo("240p");
        assertThat(plan.rungs()).extracting(PlannedRung::encoding).containsExactlyElementsOf(LADDER.rungs().subList(0, 5));
        assertThat(plan.frameRate()).isEqualTo("30");
        assertThat(plan.keyframeInterval()).isEqualTo(60);
    }

    @Test
    void a720pVideoIsNeverUpscaled() {
        assertThat(sizes(LadderPlan.of(video(1280, 720, "25/1"), LADDER)))
                .containsExactly("240p=426x240", "360p=640x360", "480p=854x480", "720p=1280x720");
    }

    @Test
    void aPortraitVideoLaddersByItsShortSide() {
        assertThat(sizes(LadderPlan.of(video(720, 1280, "30/1"), LADDER)))
                .containsExactly("240p=240x426", "360p=360x640", "480p=480x854", "720p=720x1280");
    }

    /** A phone stores portrait video landscape with a rotation; ffprobe's facts turn it (MediaProbe). */
    @Test
    void aRotatedPhoneVideoLaddersAsItIsShown() {
        VideoFacts phone = new VideoFacts(10.0, 1920, 1080, "9:16", "h264", "aac", 1080, 1920, "30000/1001");

        LadderPlan plan = LadderPlan.of(phone, LADDER);

        assertThat(sizes(plan)).containsExactly("240p=240x426", "360p=360x640", "480p=480x854", "720p=720x1280",
                "1080p=1080x1920");
        assertThat(plan.frameRate()).isEqualTo("30000/1001");
        assertThat(plan.keyframeInterval()).isEqualTo(60);
    }

    @Test
    void oddShapesKeepTheirShapeInEvenSizes() {
        assertThat(sizes(LadderPlan.of(video(854, 480, "30/1"), LADDER)))
                .containsExactly("240p=428x240", "360p=640x360", "480p=854x480");
        // 562 lines: 720p would be an upscale by 28 %, so the top rung is 480p.
        assertThat(sizes(LadderPlan.of(video(1000, 562, "30/1"), LADDER)))
                .containsExactly("240p=428x240", "360p=640x360", "480p=854x480");
        assertThat(sizes(LadderPlan.of(video(640, 480, "30/1"), LADDER)))
                .containsExactly("240p=320x240", "360p=480x360", "480p=640x480");
        assertThat(sizes(LadderPlan.of(video(2560, 1080, "30/1"), LADDER)))
                .last().isEqualTo("1080p=2560x1080");
    }

    @Test
    void aRungJustAboveTheSourceIsMadeAtTheSourceSize() {
        assertThat(sizes(LadderPlan.of(video(1920, 1072, "30/1"), LADDER))).last().isEqualTo("1080p=1920x1072");
        assertThat(sizes(LadderPlan.of(video(1279, 719, "30/1"), LADDER))).last().isEqualTo("720p=1278x718");
        // Two rungs that come out the same size are one.
        LadderSettings close = DefaultLadder.with(Map.of("ladder", "700p,720p", "ladder.700p.video-bitrate", "2M",
                "ladder.700p.audio-bitrate", "128k"));
        assertThat(sizes(LadderPlan.of(video(1280, 700, "30/1"), close))).containsExactly("700p=1280x700");
    }

    @Test
    void aVideoSmallerThanEveryRungGetsOneRenditionAtItsOwnSize() {
        LadderPlan tiny = LadderPlan.of(video(160, 120, "15/1"), LADDER);
        assertThat(sizes(tiny)).containsExactly("120p=160x120");
        assertThat(tiny.first().encoding()).isEqualTo(LADDER.rungs().get(0));
        assertThat(tiny.keyframeInterval()).isEqualTo(30);

        assertThat(sizes(LadderPlan.of(video(161, 121, "15/1"), LADDER))).containsExactly("120p=160x120");
        assertThat(sizes(LadderPlan.of(video(121, 161, "15/1"), LADDER))).containsExactly("120p=120x160");
        assertThat(sizes(LadderPlan.of(video(3, 1, "15/1"), LADDER))).containsExactly("2p=2x2");
    }

    @Test
    void nonSquarePixelsAreLadderedAtTheirDisplaySize() {
        // Anamorphic 1440x1080 shown at 16:9.
        VideoFacts anamorphic = new VideoFacts(10.0, 1440, 1080, "16:9", "h264", "aac", 1920, 1080, "25/1");
        assertThat(sizes(LadderPlan.of(anamorphic, LADDER))).last().isEqualTo("1080p=1920x1080");
    }

    @Test
    void frameRatesAreHalvedDownToSixtyAndUnknownOnesAreThirty() {
        assertThat(LadderPlan.frameRate("120/1")).isEqualTo("60");
        assertThat(LadderPlan.frameRate("240/1")).isEqualTo("60");
        assertThat(LadderPlan.frameRate("100/1")).isEqualTo("50");
        assertThat(LadderPlan.frameRate("60000/1001")).isEqualTo("60000/1001");
        assertThat(LadderPlan.frameRate("120000/1001")).isEqualTo("60000/1001");
        assertThat(LadderPlan.frameRate("50/2")).isEqualTo("25");
        assertThat(LadderPlan.frameRate(null)).isEqualTo("30");
        assertThat(LadderPlan.frameRate("0/0")).isEqualTo("30");
        // Variable-rate phone videos average close to a common rate, and get it.
        assertThat(LadderPlan.frameRate("450000/15013")).isEqualTo("30000/1001");
        assertThat(LadderPlan.frameRate("2997/100")).isEqualTo("30000/1001");
        assertThat(LadderPlan.frameRate("24/1")).isEqualTo("24");
        assertThat(LadderPlan.frameRate("23976/1000")).isEqualTo("24000/1001");
        assertThat(LadderPlan.frameRate("12/1")).isEqualTo("12");
        assertThat(LadderPlan.of(video(1280, 720, "60000/1001"), LADDER).keyframeInterval()).isEqualTo(120);
    }
}
