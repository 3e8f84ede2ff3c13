package com.yourbit.video.domain.expiry;

import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the sweep does with one stale video, given what its provider said. */
public enum SweepDecision {
    /** The provider finished (ready or errored): apply what it says. */
    APPLY_PROVIDER_STATE,
    /** The provider has nothing (or is still processing long past the give-up time): expire, cancel the upload. */
    EXPIRE,
    /** The provider could not be asked, or is still processing: try again next sweep. */
    RETRY_LATER;

    /**
     * @param providerAnswer what the provider said, empty when it has nothing (or cannot look up)
     * @param providerFailed the provider could not be reached
     * @param uploadDeadline when the upload URL stopped being valid
     * @param giveUpAfter past the deadline by this much, an unreachable provider no longer blocks expiry
     */
    public static SweepDecision decide(Optional<ProviderUpdate> providerAnswer, boolean providerFailed,
                                       Instant uploadDeadline, Duration giveUpAfter, Instant now) {
        if (providerFailed) {
            return now.isAfter(uploadDeadline.plus(giveUpAfter)) ? EXPIRE : RETRY_LATER;
        }
        ProviderState state = providerAnswer.map(ProviderUpdate::state).orElse(null);
        if (state == ProviderState.READY || state == ProviderState.ERRORED) {
            return APPLY_PROVIDER_STATE;
        }
        if (state == ProviderState.PROCESSING || state == ProviderState.MEDIA) {
            // The provider has the bytes and is still working on them: not abandoned.
            return now.isAfter(uploadDeadline.plus(giveUpAfter)) ? EXPIRE : RETRY_LATER;
        }
        return EXPIRE;
    }
}
