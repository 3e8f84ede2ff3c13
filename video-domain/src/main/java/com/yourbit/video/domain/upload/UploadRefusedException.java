package com.yourbit.video.domain.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;

import java.time.Duration;

/** A request of the upload path refused with a code of the catalogue; the web layer answers it in the protocol's terms. */
public class UploadRefusedException extends VideoException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public UploadRefusedException(ErrorCode code, String safeMessage) {
        this(code, safeMessage, null);
    }

    UploadRefusedException(ErrorCode code, String safeMessage, Duration retryAfter) {
        super(code, safeMessage);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
