package com.yourbit.video.domain.expiry;

import com.yourbit.video.domain.MapConfig;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.videos.RecordingReceiptPruner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The timer only decides whether to sweep now; the sweep itself is tested elsewhere. */
class StaleUploadTimerTest {

    /** 10:05 UTC: minute 5 of the hour, so every=PT5M fires and every=PT10M does not. */
    private static final Instant AT_MINUTE_5 = Instant.parse("2026-11-24T10:05:00Z");

    private final List<Instant> sweeps = new ArrayList<>();
    private final List<Instant> prunes = new ArrayList<>();
    private final StaleUploadTimerLastRun lastRun = new StaleUploadTimerLastRun();

    @Test
    void sweepsEveryMinuteByDefaultAndPrunesOldWebhookReceipts() {
        tick(Map.of(), AT_MINUTE_5);
        assertThat(sweeps).containsExactly(AT_MINUTE_5);
        assertThat(prunes).containsExactly(Instant.parse("2026-11-17T10:05:00Z"));
    }

    @Test
    void disabledByConfigurationItDoesNothing() {
        tick(Map.of("video.expiry.enabled", "false"), AT_MINUTE_5);
        assertThat(sweeps).isEmpty();
        assertThat(prunes).isEmpty();
        assertThat(lastRun.snapshot()).as("the tick is recorded, the sweep is not")
                .isEqualTo(new StaleUploadTimerLastRun.Snapshot(AT_MINUTE_5, null, null));
    }

    @Test
    void aSweepIsRecordedWithItsResult() {
        tick(Map.of(), AT_MINUTE_5);
        assertThat(lastRun.snapshot()).isEqualTo(
                new StaleUploadTimerLastRun.Snapshot(AT_MINUTE_5, AT_MINUTE_5, SweepResult.nothing()));
    }

    @Test
    void aLongerIntervalSkipsTheTicksInBetween() {
        tick(Map.of("video.expiry.every", "PT10M"), AT_MINUTE_5);
        assertThat(sweeps).isEmpty();
        tick(Map.of("video.expiry.every", "PT5M"), AT_MINUTE_5);
        assertThat(sweeps).containsExactly(AT_MINUTE_5);
    }

    private void tick(Map<String, String> properties, Instant now) {
        StaleUploadTimer timer = new StaleUploadTimer();
        timer.config = new MapConfig(properties);
        timer.clock = Clock.fixed(now, ZoneOffset.UTC);
        timer.sweeper = new StaleUploadSweeper() {
            @Override
            public SweepResult sweep(Instant asOf, VideoMetrics.SweepTrigger trigger) {
                assertThat(trigger).isEqualTo(VideoMetrics.SweepTrigger.TIMER);
                sweeps.add(asOf);
                return SweepResult.nothing();
            }
        };
        timer.lastRun = lastRun;
        timer.receiptPruner = RecordingReceiptPruner.on(timer.config, prunes);
        timer.tick(null);
    }
}
