package com.yourbit.video.web.api;

import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoStatus;

import java.time.Instant;
import java.util.List;

/**
 * A video as the API shows it; {@code upload} is present while bytes are still expected (not
 * for a video its provider fetches from a URL),
 * {@code errorReason} (the provider's words) once it is errored; {@code filename} and
 * {@code filetype} are what the uploader said about its file, when it said so.
 * {@code renditions}, {@code download} ({@code none|preparing|ready|errored}) and
 * {@code storyboard} say what exists besides playback. {@code thumbnailUrl} is only ever a URL
 * the provider serves unsigned (see {@code /api/videos/{id}/thumbnail} for signed ones).
 */
public record VideoResponse(String id, String title, String provider, String status, String uploadId,
                            String playbackId, String thumbnailUrl, Double durationSeconds, String aspectRatio,
                            Instant createdAt, Instant updatedAt, Instant readyAt, String errorReason,
                            String filename, String filetype, UploadResponse upload,
                            List<RenditionResponse> renditions, String download, boolean storyboard) {

    public record UploadResponse(String url, String protocol, Instant expiresAt) {
    }

    /** One rendition; {@code bitrate} in bits per second; each number {@code null} when the provider did not say. */
    public record RenditionResponse(String name, Integer width, Integer height, Long bitrate) {
    }

    public static VideoResponse of(Video v) {
        UploadResponse upload = v.awaitsUpload()
                ? new UploadResponse(v.getUploadUrl(), v.getUploadProtocol(), v.getUploadExpiresAt())
                : null;
        MediaInventory media = v.media();
        return new VideoResponse(v.getId(), v.getTitle(), v.getProvider().value(), v.getStatus().wireName(),
                v.getUploadId(), v.getPlaybackId(), v.getThumbnail(), v.getDurationSeconds(), v.getAspectRatio(),
                v.getCreatedAt(), v.getUpdatedAt(), v.getReadyAt(),
                v.getStatus() == VideoStatus.ERRORED ? v.getErrorReason() : null,
                v.getSourceFilename(), v.getSourceFiletype(), upload,
                media.renditions().stream().map(r -> new RenditionResponse(r.name(), r.width(), r.height(), r.bitrate())).toList(),
                media.download().wireName(), media.storyboard());
    }
}
