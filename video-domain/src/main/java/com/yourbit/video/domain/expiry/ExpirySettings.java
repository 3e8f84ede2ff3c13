package com.yourbit.video.domain.expiry;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * {@code video.expiry.*}: whether the timer sweeps, how long past the upload deadline a
 * video counts as stale, when an unreachable provider stops blocking expiry, batch size.
 */
public record ExpirySettings(boolean enabled, Duration after, Duration giveUpAfter, int batchSize, int maxPerSweep) {

    public static ExpirySettings from(Config config) {
        return new ExpirySettings(
                config.getOptionalValue("video.expiry.enabled", Boolean.class).orElse(true),
                config.getOptionalValue("video.expiry.after", String.class).map(Duration::parse).orElse(Duration.ofHours(1)),
                config.getOptionalValue("video.expiry.give-up-after", String.class).map(Duration::parse).orElse(Duration.ofDays(1)),
                config.getOptionalValue("video.expiry.batch-size", Integer.class).orElse(1000),
                config.getOptionalValue("video.expiry.max-per-sweep", Integer.class).orElse(100_000));
    }
}
