package com.yourbit.video.domain.limits;

import com.yourbit.video.api.ErrorCode;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code video.limits.*}: what one user may hold and do, and the decisions on it. Pure: the
 * caller counts (under the user's lock) and asks; a refusal is a
 * {@link LimitExceededException} with a {@code Retry-After}.
 *
 * @param pendingPerUser videos in {@code preparing} (plus creations still asking their provider)
 * @param creationsPerMinute creations in any sliding minute, deleted videos included
 * @param uploadBytesPerUser declared bytes of the user's unfinished local uploads together
 */
public record UserLimits(int pendingPerUser, int creationsPerMinute, long uploadBytesPerUser) {

    public static final String PENDING_PER_USER = "video.limits.pending-per-user";
    public static final String CREATIONS_PER_MINUTE = "video.limits.creations-per-minute";
    public static final String UPLOAD_BYTES_PER_USER = "video.limits.upload-bytes-per-user";

    /** The per-minute window. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /**
     * A granted creation whose provider call never ended (the node died meanwhile) stops
     * counting as pending after this; provider calls time out long before.
     */
    public static final Duration IN_FLIGHT_LIFETIME = Duration.ofMinutes(5);
    /**
     * A pending slot or upload bytes free up when the user finishes, deletes or lets expire an
     * upload: nothing to compute a time from, so clients are told to look again in a minute.
     */
    static final Duration RETRY_WHEN_USER_ACTS = Duration.ofSeconds(60);

    static final int DEFAULT_PENDING = 50;
    /**
     * One creation every two seconds, sustained, is far above a person's pace in a web
     * product; a batch of files fills the 50 pending slots in under two minutes; and it
     * bounds how fast one user can make the service call a provider's API (create-delete loops).
     */
    static final int DEFAULT_CREATIONS_PER_MINUTE = 30;
    /** Five uploads of the local provider's default Tus-Max-Size (10 GiB). */
    static final long DEFAULT_UPLOAD_BYTES = 50L * 1024 * 1024 * 1024;

    public UserLimits {
        if (pendingPerUser < 1 || creationsPerMinute < 1 || uploadBytesPerUser < 1) {
            throw new IllegalArgumentException("video.limits.* must be positive");
        }
    }

    public static UserLimits from(Config config) {
        return new UserLimits(
                config.getOptionalValue(PENDING_PER_USER, Integer.class).orElse(DEFAULT_PENDING),
                config.getOptionalValue(CREATIONS_PER_MINUTE, Integer.class).orElse(DEFAULT_CREATIONS_PER_MINUTE),
                config.getOptionalValue(UPLOAD_BYTES_PER_USER, Long.class).orElse(DEFAULT_UPLOAD_BYTES));
    }

    /**
     * May the user create one more video now?
     *
     * @param pending the user's videos in {@code preparing} plus creations in flight
     * @param recentNewestFirst when the user's creations of the last {@link #WINDOW} were
     *                          granted, newest first (at least {@link #creationsPerMinute} of
     *                          them when there are that many)
     */
    public void checkCreation(long pending, List<Instant> recentNewestFirst, Instant now) {
        if (pending >= pendingPerUser) {
            throw new LimitExceededException(ErrorCode.PENDING_LIMIT_EXCEEDED, "at most " + pendingPerUser
                    + " videos may wait for their upload at once; finish, delete or let expire one of them first",
                    RETRY_WHEN_USER_ACTS);
        }
        Instant windowStart = now.minus(WINDOW);
        List<Instant> inWindow = recentNewestFirst.stream().filter(t -> t.isAfter(windowStart)).toList();
        if (inWindow.size() >= creationsPerMinute) {
            // The window takes one more once the creationsPerMinute-th newest leaves it.
            Instant frees = inWindow.get(creationsPerMinute - 1).plus(WINDOW);
            throw new LimitExceededException(ErrorCode.CREATION_RATE_EXCEEDED, "at most " + creationsPerMinute
                    + " videos may be created per minute", ceilSeconds(Duration.between(now, frees)));
        }
    }

    /**
     * May the user declare an upload of {@code declared} bytes, while its other unfinished
     * uploads declared {@code declaredElsewhere}?
     */
    public void checkDeclaredBytes(long declaredElsewhere, long declared) {
        if (declared > uploadBytesPerUser - declaredElsewhere) {
            throw new LimitExceededException(ErrorCode.UPLOAD_QUOTA_EXCEEDED, "unfinished uploads may declare at most "
                    + uploadBytesPerUser + " bytes together; " + declaredElsewhere
                    + " are declared already; finish, terminate or delete an upload first", RETRY_WHEN_USER_ACTS);
        }
    }

    /** Whole seconds, rounded up, never less than one: Retry-After: 0 invites a busy loop. */
    private static Duration ceilSeconds(Duration wait) {
        long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
