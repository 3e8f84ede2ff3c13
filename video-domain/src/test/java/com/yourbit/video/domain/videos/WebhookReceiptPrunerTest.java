package com.yourbit.video.domain.videos;

import com.yourbit.video.domain.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookReceiptPrunerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:05:00Z");

    private final List<Instant> deletedBefore = new ArrayList<>();

    @Test
    void keepsAWeekByDefault() {
        RecordingReceiptPruner.on(new MapConfig(Map.of()), deletedBefore).prune(NOW);
        assertThat(deletedBefore).containsExactly(Instant.parse("2026-11-17T10:05:00Z"));
    }

    @Test
    void keepsWhatIsConfigured() {
        RecordingReceiptPruner.on(new MapConfig(Map.of("video.webhook-receipts.keep", "PT36H")), deletedBefore).prune(NOW);
        assertThat(deletedBefore).containsExactly(Instant.parse("2026-11-22T22:05:00Z"));
    }
}
