package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import jakarta.ejb.ApplicationException;

import java.time.Duration;

/**
 * A refusal the client can act on. Its message is written for the client and never holds
 * a secret; the web layer turns {@link #code()} into a problem+json answer.
 */
@ApplicationException(rollback = true, inherited = true)
public class VideoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public VideoException(ErrorCode code, String safeMessage) {
        super(safeMessage);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** When a retry may succeed ({@code Retry-After}), for refusals that pass; otherwise {@code null}. */
    public Duration retryAfter() {
        return null;
    }
}
