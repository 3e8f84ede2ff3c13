package com.yourbit.video.domain.upload;

import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.VideoStatus;

import java.time.Instant;

/** What the upload path reads of the video an upload belongs to. */
public record UploadingVideo(VideoId id, VideoStatus status, Instant uploadExpiresAt) {

    /** Only a video waiting for its upload takes bytes. */
    public boolean isPreparing() {
        return status == VideoStatus.PREPARING;
    }
}
