package com.yourbit.video.web.api;

import java.time.Instant;

public record SignedUrlResponse(String url, Instant expiresAt) {
}
