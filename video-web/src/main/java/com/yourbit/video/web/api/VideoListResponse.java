package com.yourbit.video.web.api;

import java.util.List;

public record VideoListResponse(List<VideoResponse> items, String next) {
}
