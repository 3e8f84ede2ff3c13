package com.yourbit.video.web.api;

import java.util.List;

/** {@code {"items": [...]}} of a video's captions. */
public record CaptionListResponse(List<CaptionResponse> items) {
}
