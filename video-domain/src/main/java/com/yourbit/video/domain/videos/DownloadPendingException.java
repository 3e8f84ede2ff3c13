package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;

import java.time.Duration;

/** The video's MP4 is being made (409): ask again after {@link #retryAfter()}. */
public class DownloadPendingException extends VideoException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public DownloadPendingException(String safeMessage, Duration retryAfter) {
        super(ErrorCode.DOWNLOAD_NOT_READY, safeMessage);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
