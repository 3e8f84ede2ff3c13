package com.yourbit.video.api.hosted;

import java.time.Duration;
import java.util.Objects;

/** Media work is saturated (every renderer busy, the queue full): try again after {@link #retryAfter()}. */
public class MediaBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public MediaBusyException(String safeMessage, Duration retryAfter) {
        super(safeMessage);
        this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
