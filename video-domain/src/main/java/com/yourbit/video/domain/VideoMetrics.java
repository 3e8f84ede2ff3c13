package com.yourbit.video.domain;

import com.yourbit.video.api.ProviderName;

import java.util.function.Supplier;

/**
 * What the domain counts, in its own words; the only way it reaches a metrics library
 * ({@link com.yourbit.video.domain.metrics.MicrometerVideoMetrics}). Names and tags are listed in docs/OPERATIONS.md (Metrics).
 */
public interface VideoMetrics {

    /** Which sweep ran: the persistent timer or an administrator's request. */
    enum SweepTrigger { TIMER, ADMIN }

    /** A video was stored with a fresh upload at {@code provider}. */
    void uploadCreated(ProviderName provider);

    /** A webhook delivery (or one update in it) got a receipt with this outcome. */
    void webhookReceipt(String provider, String outcome);

    /** A video's status changed, committed by {@link com.yourbit.video.domain.videos.VideoStatusService}. */
    default void statusChanged(ProviderName provider, VideoStatus from, VideoStatus to) {
        statusChanged(provider, from, to, 1);
    }

    /** The same change for {@code videos} videos at once (a bulk expiry). */
    void statusChanged(ProviderName provider, VideoStatus from, VideoStatus to, int videos);

    /** One stale-upload sweep finished: how many videos it expired and recovered. */
    void sweepFinished(SweepTrigger trigger, int expired, int recovered);

    /**
     * Runs one call to a provider's API, timing it by provider, operation and outcome
     * ({@code success}, or {@code error} when it throws).
     */
    <T> T providerCall(ProviderName provider, String operation, Supplier<T> call);

    /** {@link #providerCall} for calls that answer nothing. */
    default void providerCall(ProviderName provider, String operation, Runnable call) {
        providerCall(provider, operation, () -> {
            call.run();
            return null;
        });
    }
}
