package com.yourbit.video.web.api;

/** Body of {@code POST /api/videos}; both fields optional. */
public record CreateVideoRequest(String title, String provider) {
}
