package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;

/** A status change the video's lifecycle forbids. */
public class IllegalTransitionException extends VideoException {

    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(VideoStatus from, VideoStatus to) {
        super(ErrorCode.ILLEGAL_TRANSITION, "a video that is " + from.wireName() + " cannot become " + to.wireName());
    }
}
