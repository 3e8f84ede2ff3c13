package com.yourbit.video.web.api;

import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoStatus;

import java.time.Instant;

/**
 * A video as the API shows it; {@code upload} is present while bytes are still expected,
 * {@code errorReason} (the provider's words) once it is errored; {@code filename} and
 * {@code filetype} are what the uploader said about its file, when it said so.
 */
public record VideoResponse(String id, String title, String provider, String status, String uploadId,
                            String playbackId, String thumbnailUrl, Double durationSeconds, String aspectRatio,
                            Instant createdAt, Instant updatedAt, Instant readyAt, String errorReason,
                            String filename, String filetype, UploadResponse upload) {

    public record UploadResponse(String url, String protocol, Instant expiresAt) {
    }

    public static VideoResponse of(Video v) {
        UploadResponse upload = v.getStatus() == VideoStatus.PREPARING
                ? new UploadResponse(v.getUploadUrl(), v.getUploadProtocol(), v.getUploadExpiresAt())
                : null;
        return new VideoResponse(v.getId(), v.getTitle(), v.getProvider().value(), v.getStatus().wireName(),
                v.getUploadId(), v.getPlaybackId(), v.getThumbnail(), v.getDurationSeconds(), v.getAspectRatio(),
                v.getCreatedAt(), v.getUpdatedAt(), v.getReadyAt(),
                v.getStatus() == VideoStatus.ERRORED ? v.getErrorReason() : null,
                v.getSourceFilename(), v.getSourceFiletype(), upload);
    }
}
