package com.yourbit.video.providers.local;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LadderSettingsTest {

    @Test
    void theShippedLadderHasSevenRungsUpTo2160p() {
        LadderSettings ladder = DefaultLadder.settings();

        assertThat(ladder.rungs()).extracting(LadderSettings.Rung::name)
                .containsExactly("240p", "360p", "480p", "720p", "1080p", "1440p", "2160p");
        assertThat(ladder.preset()).isEqualTo("veryfast");
        // Peak and buffer follow from the average unless set.
        assertThat(ladder.rungs().get(3)).isEqualTo(new LadderSettings.Rung(720, 2_800_000, 4_200_000, 8_400_000, 128_000));
        assertThat(ladder.rungs().get(6).videoBitrate()).isEqualTo(16_000_000);
    }

    @Test
    void rungsAreSortedAndTakeTheirOwnPeakAndBuffer() {
        LadderSettings ladder = DefaultLadder.with(Map.of("ladder", " 720p, 240p ",
                "ladder.720p.max-bitrate", "3.5M", "ladder.720p.buffer-size", "7000000", "encoder-preset", "medium"));

        assertThat(ladder.rungs()).extracting(LadderSettings.Rung::name).containsExactly("240p", "720p");
        assertThat(ladder.rungs().get(1)).isEqualTo(new LadderSettings.Rung(720, 2_800_000, 3_500_000, 7_000_000, 128_000));
        assertThat(ladder.preset()).isEqualTo("medium");
    }

    @Test
    void aRungOfItsOwnNeedsItsBitrates() {
        assertThatIllegalArgumentException().isThrownBy(() -> DefaultLadder.with(Map.of("ladder", "240p,540p")))
                .withMessage("video.action-map.local.ladder.540p.video-bitrate is not set");

        LadderSettings ladder = DefaultLadder.with(Map.of("ladder", "240p,540p",
                "ladder.540p.video-bitrate", "2000k", "ladder.540p.audio-bitrate", "128k"));
        assertThat(ladder.rungs().get(1)).isEqualTo(new LadderSettings.Rung(540, 2_000_000, 3_000_000, 6_000_000, 128_000));
    }

    @Test
    void wrongValuesAreRefusedNamingTheirKey() {
        assertRefused(Map.of("ladder", "240,360"), "video.action-map.local.ladder lists rungs by their short side");
        assertRefused(Map.of("ladder", "241p"), "video.action-map.local.ladder: the rung 241p must be an even height");
        assertRefused(Map.of("ladder", "8p"), "video.action-map.local.ladder lists rungs");
        assertRefused(Map.of("ladder", "4400p"), "must be an even height from 16p to 4320p");
        assertRefused(Map.of("ladder", "240p,360p,240p"), "video.action-map.local.ladder names 240p twice");
        assertRefused(Map.of("ladder", ""), "video.action-map.local.ladder is not set");
        assertRefused(Map.of("ladder", "../x"), "'../x' is not one");
        assertRefused(Map.of("ladder.720p.video-bitrate", "fast"),
                "video.action-map.local.ladder.720p.video-bitrate must be bits per second like 2800k, 2.8M or 2800000, not 'fast'");
        assertRefused(Map.of("ladder.720p.video-bitrate", "-5k"), "not '-5k'");
        assertRefused(Map.of("ladder.720p.video-bitrate", "2.8G"), "not '2.8G'");
        assertRefused(Map.of("ladder.720p.video-bitrate", "1k"),
                "video.action-map.local.ladder.720p.video-bitrate must lie between 16000 and 200000000 bits per second, not 1k");
        assertRefused(Map.of("ladder.720p.max-bitrate", "1M"), "video.action-map.local.ladder.720p.max-bitrate must lie between 2800000");
        assertRefused(Map.of("ladder.720p.buffer-size", "100k"), "video.action-map.local.ladder.720p.buffer-size must lie between");
        assertRefused(Map.of("ladder.240p.audio-bitrate", "1M"), "video.action-map.local.ladder.240p.audio-bitrate must lie between 8000 and 512000");
        assertRefused(Map.of("encoder-preset", "turbo"), "video.action-map.local.encoder-preset must be one of [ultrafast");
        String seventeen = IntStream.rangeClosed(1, 17).mapToObj(i -> (i * 100) + "p").collect(Collectors.joining(","));
        assertRefused(Map.of("ladder", seventeen), "video.action-map.local.ladder.100p.video-bitrate is not set");
    }

    @Test
    void atMostSixteenRungs() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LadderSettings(
                        IntStream.rangeClosed(1, 17).mapToObj(i -> new LadderSettings.Rung(i * 100, 1, 1, 1, 1)).toList(), "fast"))
                .withMessage("video.action-map.local.ladder names 1 to 16 rungs");
    }

    private static void assertRefused(Map<String, String> changes, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> DefaultLadder.with(changes)).withMessageContaining(message);
    }
}
