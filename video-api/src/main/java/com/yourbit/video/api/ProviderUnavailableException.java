package com.yourbit.video.api;

import java.time.Duration;

/**
 * The provider failed, refused or did not answer in time. The message is safe to show a
 * client: it never contains a secret or the provider's raw answer.
 */
public class ProviderUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether retrying later may succeed (timeouts, 429, 5xx) or not (the provider refused). */
    private final boolean transientFailure;
    private final Duration retryAfter;

    public ProviderUnavailableException(String safeMessage, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(safeMessage, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
