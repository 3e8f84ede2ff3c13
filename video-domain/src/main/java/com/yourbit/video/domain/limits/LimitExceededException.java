package com.yourbit.video.domain.limits;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;

import java.time.Duration;
import java.util.Objects;

/** A per-user limit is reached (429): nothing was done; {@link #retryAfter()} says when to try again. */
public class LimitExceededException extends VideoException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public LimitExceededException(ErrorCode code, String safeMessage, Duration retryAfter) {
        super(code, safeMessage);
        this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
