package com.yourbit.video.web.api;

public record ThumbnailResponse(String url) {
}
