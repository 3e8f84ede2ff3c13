package com.yourbit.video.domain.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: the schedule's wait for this attempt, spread by up to
 * ±20 % so that deliveries failed together do not come back together, never sooner than the
 * endpoint's {@code Retry-After} (bounded by a day); {@code null} once the schedule is spent or
 * the event is older than the give-up limit.
 */
final class RetryPlan {

    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final List<Duration> schedule;
    private final Duration giveUpAfter;
    private final DoubleSupplier random;

    RetryPlan(List<Duration> schedule, Duration giveUpAfter, DoubleSupplier random) {
        this.schedule = schedule;
        this.giveUpAfter = giveUpAfter;
        this.random = random;
    }

    /**
     * @param failedAttempts attempts made so far, this one included
     * @param retryAfter what the endpoint asked for, or {@code null}
     */
    Instant next(int failedAttempts, Instant createdAt, Instant now, Duration retryAfter) {
        if (failedAttempts > schedule.size()) {
            return null;
        }
        Duration wait = schedule.get(failedAttempts - 1);
        long millis = wait.toMillis();
        long jittered = Math.max(1, Math.round(millis * (0.8 + 0.4 * random.getAsDouble())));
        Instant next = now.plusMillis(jittered);
        if (retryAfter != null && !retryAfter.isNegative()) {
            Instant asked = now.plus(retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter);
            if (asked.isAfter(next)) {
                next = asked;
            }
        }
        return next.isAfter(createdAt.plus(giveUpAfter)) ? null : next;
    }
}
