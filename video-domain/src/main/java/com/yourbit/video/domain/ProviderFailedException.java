package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderUnavailableException;

import java.time.Duration;

/** The provider failed (502) or is unavailable for now (503, with a retry hint). */
public class ProviderFailedException extends VideoException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public ProviderFailedException(ProviderUnavailableException cause) {
        super(cause.isTransient() ? ErrorCode.PROVIDER_UNAVAILABLE : ErrorCode.PROVIDER_FAILED, cause.getMessage());
        this.retryAfter = cause.isTransient()
                ? (cause.retryAfter() == null ? Duration.ofSeconds(30) : cause.retryAfter())
                : null;
    }

    /** How long to wait before retrying, for a transient failure; otherwise {@code null}. */
    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
