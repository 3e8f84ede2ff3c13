package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;

import java.time.Instant;

/**
 * What a valid media token allows: one video's media until {@code expiresAt}; for a
 * thumbnail token, the image it was signed for.
 */
public record MediaGrant(VideoId videoId, String purpose, ThumbnailSpec thumbnail, Instant expiresAt) {

    public static final String PLAYBACK = "v";
    public static final String THUMBNAIL = "t";
}
