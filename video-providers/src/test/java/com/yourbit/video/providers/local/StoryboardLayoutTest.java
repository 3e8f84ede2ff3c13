package com.yourbit.video.providers.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryboardLayoutTest {

    private static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n([^\\n]+)");
    private static final Pattern REGION = Pattern.compile("storyboard\\.jpg#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

    record Cue(long from, long to, int x, int y, int w, int h) {
    }

    static List<Cue> cues(String vtt) {
        assertThat(vtt).startsWith("WEBVTT\n\n");
        List<Cue> cues = new ArrayList<>();
        Matcher cue = CUE.matcher(vtt);
        while (cue.find()) {
            Matcher region = REGION.matcher(cue.group(9));
            assertThat(region.matches()).as(cue.group(9)).isTrue();
            cues.add(new Cue(millis(cue, 1), millis(cue, 5), Integer.parseInt(region.group(1)),
                    Integer.parseInt(region.group(2)), Integer.parseInt(region.group(3)), Integer.parseInt(region.group(4))));
        }
        return cues;
    }

    private static long millis(Matcher m, int first) {
        return Long.parseLong(m.group(first)) * 3_600_000 + Long.parseLong(m.group(first + 1)) * 60_000
                + Long.parseLong(m.group(first + 2)) * 1000 + Long.parseLong(m.group(first + 3));
    }

    @Test
    void aShortVideoGetsATileASecondInAGridAboutAsWideAsHigh() {
        StoryboardLayout layout = StoryboardLayout.of(6.0);

        assertThat(layout.intervalMillis()).isEqualTo(1000);
        assertThat(layout.tiles()).isEqualTo(6);
        assertThat(layout.columns()).isEqualTo(3);
        assertThat(layout.rows()).isEqualTo(2);
        assertThat(layout.frameRate()).isEqualTo("1000/1000");
    }

    @Test
    void aLongVideoGetsAtMostAHundredTilesEvenlyApart() {
        StoryboardLayout layout = StoryboardLayout.of(7234.5);

        assertThat(layout.tiles()).isEqualTo(100);
        assertThat(layout.intervalMillis()).isEqualTo(72345);
        assertThat(layout.columns() * layout.rows()).isGreaterThanOrEqualTo(100);
        assertThat(layout.columns()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.04, 0.6, 1.0, 5.96, 6.0, 6.0004, 99.9, 100.0, 101.0, 599.99, 7234.5})
    void theCuesFollowEachOtherFromZeroToTheEndAndEachNamesItsOwnTile(double duration) {
        StoryboardLayout layout = StoryboardLayout.of(duration);
        List<Cue> cues = cues(layout.webVtt("storyboard.jpg", 256, 144));

        assertThat(cues).hasSize(layout.tiles()).hasSizeLessThanOrEqualTo(100);
        assertThat(cues.get(0).from()).isZero();
        assertThat(cues.get(cues.size() - 1).to()).isEqualTo(Math.max(1, Math.round(duration * 1000)));
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            assertThat(cue.to()).isGreaterThan(cue.from());
            if (i > 0) {
                assertThat(cue.from()).isEqualTo(cues.get(i - 1).to());
            }
            assertThat(cue.from()).isEqualTo(i * layout.intervalMillis());
            assertThat(cue.w()).isEqualTo(256);
            assertThat(cue.h()).isEqualTo(144);
            assertThat(cue.x()).isEqualTo(i % layout.columns() * 256).isLessThan(layout.columns() * 256);
            assertThat(cue.y()).isEqualTo(i / layout.columns() * 144).isLessThan(layout.rows() * 144);
        }
    }

    @Test
    void timestampsAreWebVttsHoursMinutesSecondsAndMillis() {
        assertThat(StoryboardLayout.timestamp(0)).isEqualTo("00:00:00.000");
        assertThat(StoryboardLayout.timestamp(3_723_045)).isEqualTo("01:02:03.045");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void aVideoWithoutAKnownDurationHasNoLayout(double duration) {
        assertThatThrownBy(() -> StoryboardLayout.of(duration)).isInstanceOf(IllegalArgumentException.class);
    }
}
