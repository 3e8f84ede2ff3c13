package com.yourbit.video.web.api;

import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoStatus;

import java.time.Instant;

/**
 * A video as the API shows it; {@code upload} is present while bytes are still expected,
 * {@code errorReason} once the video is errored (e.g. the file is not a video).
 */
public record VideoResponse(String id, String title, String provider, String status, String uploadId,
                            String playbackId, String thumbnailUrl, Double durationSeconds, String aspectRatio,
                            Instant createdAt, Instant updatedAt, Instant readyAt, UploadResponse upload,
                            String errorReason) {

    public record UploadResponse(String url, String protocol, Instant expiresAt) {
    }

    public static VideoResponse of(Video v) {
        UploadResponse upload = v.getStatus() == VideoStatus.PREPARING
                ? new UploadResponse(v.getUploadUrl(), v.getUploadProtocol(), v.getUploadExpiresAt())
                : null;
        return new VideoResponse(v.getId(), v.getTitle(), v.getProvider().value(), v.getStatus().wireName(),
                v.getUploadId(), v.getPlaybackId(), v.getThumbnail(), v.getDurationSeconds(), v.getAspectRatio(),
                v.getCreatedAt(), v.getUpdatedAt(), v.getReadyAt(), upload,
                v.getStatus() == VideoStatus.ERRORED ? v.getErrorReason() : null);
    }
}
