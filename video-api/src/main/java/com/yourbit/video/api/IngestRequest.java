package com.yourbit.video.api;

import java.net.URI;
import java.util.Objects;

/**
 * A request to fetch a video's file from a URL. Our video id travels as the provider's
 * passthrough, so that its reports name the video.
 */
public record IngestRequest(VideoId videoId, String title, URI source) {

    public IngestRequest {
        Objects.requireNonNull(videoId, "videoId");
        Objects.requireNonNull(source, "source");
    }
}
