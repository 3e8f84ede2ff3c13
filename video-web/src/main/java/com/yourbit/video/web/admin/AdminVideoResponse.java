package com.yourbit.video.web.admin;

import com.yourbit.video.domain.Video;
import com.yourbit.video.web.api.VideoResponse;

/** A video as administrators see it: with its owner and, when errored, the reason. */
public record AdminVideoResponse(String owner, String errorReason, String uploadStatus, VideoResponse video) {

    public static AdminVideoResponse of(Video v) {
        return new AdminVideoResponse(v.getOwnerId(), v.getErrorReason(), v.getUploadStatus(), VideoResponse.of(v));
    }
}
