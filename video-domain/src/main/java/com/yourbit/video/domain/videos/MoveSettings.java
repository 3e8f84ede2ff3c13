package com.yourbit.video.domain.videos;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * {@code video.move.*}, read anew on every round: how many moves are worked at once, how often
 * the worker looks, how long the old provider's source URL stays valid, how long a move may
 * wait for its source and for the new provider, and how often a failing step is tried.
 * A value out of its bounds is an {@link IllegalArgumentException} naming the key.
 */
public record MoveSettings(int concurrency, Duration pollInterval, Duration sourceTtl, Duration sourceTimeout,
                           Duration ingestTimeout, int maxAttempts, Duration lease) {

    static final String PREFIX = "video.move.";

    public MoveSettings {
        check(concurrency >= 1 && concurrency <= 100, "concurrency", "between 1 and 100");
        check(!pollInterval.isNegative() && pollInterval.compareTo(Duration.ofMillis(100)) >= 0
                && pollInterval.compareTo(Duration.ofMinutes(10)) <= 0, "poll-interval", "between PT0.1S and PT10M");
        // The source URL is signed like playback (VideoService's bounds); the target may queue its fetch a while.
        check(sourceTtl.compareTo(VideoService.MIN_TTL) >= 0 && sourceTtl.compareTo(VideoService.MAX_TTL) <= 0,
                "source-ttl", "between PT1M and PT24H");
        check(sourceTimeout.compareTo(Duration.ofSeconds(1)) >= 0, "source-timeout", "at least PT1S");
        check(ingestTimeout.compareTo(Duration.ofSeconds(1)) >= 0, "ingest-timeout", "at least PT1S");
        check(maxAttempts >= 1 && maxAttempts <= 100, "max-attempts", "between 1 and 100");
        check(lease.compareTo(Duration.ofSeconds(10)) >= 0, "lease", "at least PT10S");
    }

    public static MoveSettings from(Config config) {
        try {
            return new MoveSettings(
                    config.getOptionalValue(PREFIX + "concurrency", Integer.class).orElse(2),
                    duration(config, "poll-interval", Duration.ofSeconds(5)),
                    duration(config, "source-ttl", Duration.ofHours(6)),
                    duration(config, "source-timeout", Duration.ofHours(2)),
                    duration(config, "ingest-timeout", Duration.ofHours(6)),
                    config.getOptionalValue(PREFIX + "max-attempts", Integer.class).orElse(5),
                    duration(config, "lease", Duration.ofMinutes(2)));
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "*: " + e.getMessage(), e);
        }
    }

    /** When a step that failed for the {@code attempt}-th time is tried again: doubling from 10 s, at most 10 min. */
    public Duration retryAfter(int attempt) {
        long seconds = 10L << Math.min(Math.max(attempt - 1, 0), 6);
        return Duration.ofSeconds(Math.min(seconds, 600));
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return config.getOptionalValue(PREFIX + key, String.class).map(Duration::parse).orElse(fallback);
    }

    private static void check(boolean ok, String key, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(PREFIX + key + " must be " + rule);
        }
    }
}
