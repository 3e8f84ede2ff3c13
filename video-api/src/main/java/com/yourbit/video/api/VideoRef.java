package com.yourbit.video.api;

import java.util.Objects;

/**
 * What a provider knows a video by: our id, its upload id, and once known the asset id
 * ({@code ext_id}) and playback id.
 */
public record VideoRef(VideoId videoId, UploadId uploadId, AssetId assetId, PlaybackId playbackId) {

    public VideoRef {
        Objects.requireNonNull(videoId, "videoId");
    }
}
