package com.yourbit.video.domain.videos;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedWebhooksTest {

    @Test
    void countsEveryRefusalAndKeepsOnlyTheLatest() {
        RejectedWebhooks rejected = new RejectedWebhooks();
        Instant start = Instant.parse("2026-11-30T12:00:00Z");
        for (int i = 0; i < 500; i++) {
            rejected.record(i % 2 == 0 ? "mux" : "cloudflare", start.plusMillis(i), "signature mismatch " + i);
        }
        RejectedWebhooks.Snapshot snapshot = rejected.snapshot();
        assertThat(snapshot.total()).isEqualTo(500);
        assertThat(snapshot.latest()).hasSize(RejectedWebhooks.KEPT);
        assertThat(snapshot.latest().get(0).reason()).isEqualTo("signature mismatch 499");
        assertThat(snapshot.latest()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("rejected"));
    }
}
