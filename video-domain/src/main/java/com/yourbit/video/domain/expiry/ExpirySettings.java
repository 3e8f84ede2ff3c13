package com.yourbit.video.domain.expiry;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * {@code video.expiry.*}, read only here: whether the timer sweeps and how often (whole
 * minutes), how long past the upload deadline a video counts as stale, when an unreachable
 * provider stops blocking expiry, batch size. Read anew on every use: an operator may change
 * them on a running server.
 */
public record ExpirySettings(boolean enabled, Duration every, Duration after, Duration giveUpAfter, int batchSize,
                             int maxPerSweep) {

    /**
     * Each batch costs a read and a commit of its own (about 10 ms here); at 5000 the
     * expiry of 100,000 stale videos takes 1.5 s on PostgreSQL against 2.3 s at 1000
     * (bench/sweep-bench.sh). A batch that meets a concurrent change falls back to one
     * transaction per video, which a bigger batch makes dearer; that is rare.
     */
    static final int DEFAULT_BATCH_SIZE = 5000;

    public static ExpirySettings from(Config config) {
        return new ExpirySettings(
                config.getOptionalValue("video.expiry.enabled", Boolean.class).orElse(true),
                config.getOptionalValue("video.expiry.every", String.class).map(Duration::parse).orElse(Duration.ofMinutes(1)),
                config.getOptionalValue("video.expiry.after", String.class).map(Duration::parse).orElse(Duration.ofHours(1)),
                config.getOptionalValue("video.expiry.give-up-after", String.class).map(Duration::parse).orElse(Duration.ofDays(1)),
                config.getOptionalValue("video.expiry.batch-size", Integer.class).orElse(DEFAULT_BATCH_SIZE),
                config.getOptionalValue("video.expiry.max-per-sweep", Integer.class).orElse(100_000));
    }
}
