package com.yourbit.video.web.api;

/**
 * Body of {@code POST /api/videos}; every field optional. With {@code source} the provider
 * fetches the file from its {@code url} instead of waiting for an upload.
 */
public record CreateVideoRequest(String title, String provider, Source source) {

    public CreateVideoRequest(String title, String provider) {
        this(title, provider, null);
    }

    /** {@code {"url": "https://…"}}: where the provider fetches the video from. */
    public record Source(String url) {
    }
}
