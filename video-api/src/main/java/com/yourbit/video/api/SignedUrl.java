package com.yourbit.video.api;

import java.net.URI;
import java.time.Instant;

/** A URL and when its token stops working ({@code null} for URLs that never expire). */
public record SignedUrl(URI url, Instant expiresAt) {
}
