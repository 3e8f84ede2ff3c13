package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;

import java.time.Duration;

/** Something of the video (its MP4, its storyboard) is being made (409): ask again after {@link #retryAfter()}. */
public class MediaPendingException extends VideoException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public MediaPendingException(ErrorCode code, String safeMessage, Duration retryAfter) {
        super(code, safeMessage);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
