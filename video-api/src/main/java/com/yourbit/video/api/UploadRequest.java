package com.yourbit.video.api;

import java.util.Objects;

/** What a provider needs to prepare a direct upload: our video id travels as passthrough. */
public record UploadRequest(VideoId videoId, String title) {

    public UploadRequest {
        Objects.requireNonNull(videoId, "videoId");
    }
}
