package com.yourbit.video.domain.expiry;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.UploadId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SweepDecisionTest {

    private static final ProviderName MUX = ProviderName.of("mux");
    private static final Instant DEADLINE = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration GIVE_UP = Duration.ofDays(1);
    private static final Instant NOW = DEADLINE.plus(Duration.ofHours(2));

    @Test
    void aVideoTheProviderFinishedIsAppliedNotExpired() {
        ProviderUpdate ready = ProviderUpdate.from(MUX).upload(UploadId.of("up1"))
                .ready(new ReadyDetails(AssetId.of("a1"), PlaybackId.of("p1"), null, null, 3.0, "16:9"), NOW);
        assertThat(SweepDecision.decide(Optional.of(ready), false, DEADLINE, GIVE_UP, NOW)).isEqualTo(SweepDecision.APPLY_PROVIDER_STATE);
        ProviderUpdate errored = ProviderUpdate.from(MUX).upload(UploadId.of("up1")).errored("bad file", NOW);
        assertThat(SweepDecision.decide(Optional.of(errored), false, DEADLINE, GIVE_UP, NOW)).isEqualTo(SweepDecision.APPLY_PROVIDER_STATE);
    }

    @Test
    void nothingAtTheProviderExpires() {
        assertThat(SweepDecision.decide(Optional.empty(), false, DEADLINE, GIVE_UP, NOW)).isEqualTo(SweepDecision.EXPIRE);
    }

    @Test
    void stillProcessingWaitsUntilTheGiveUpTime() {
        ProviderUpdate processing = ProviderUpdate.from(MUX).upload(UploadId.of("up1")).processing(NOW);
        assertThat(SweepDecision.decide(Optional.of(processing), false, DEADLINE, GIVE_UP, NOW)).isEqualTo(SweepDecision.RETRY_LATER);
        assertThat(SweepDecision.decide(Optional.of(processing), false, DEADLINE, GIVE_UP, DEADLINE.plus(GIVE_UP).plusSeconds(1)))
                .isEqualTo(SweepDecision.EXPIRE);
    }

    @Test
    void anUnreachableProviderIsRetriedUntilTheDeadlineIsLongPast() {
        assertThat(SweepDecision.decide(Optional.empty(), true, DEADLINE, GIVE_UP, NOW)).isEqualTo(SweepDecision.RETRY_LATER);
        assertThat(SweepDecision.decide(Optional.empty(), true, DEADLINE, GIVE_UP, DEADLINE.plus(GIVE_UP).plusSeconds(1)))
                .isEqualTo(SweepDecision.EXPIRE);
    }
}
