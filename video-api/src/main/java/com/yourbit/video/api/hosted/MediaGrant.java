package com.yourbit.video.api.hosted;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;

import java.time.Instant;

/**
 * What a valid media token allows: one video's media of one kind until {@code expiresAt}; for
 * a thumbnail or animated token, the image it was signed for. The kinds are Mux's token
 * audiences: {@code v} playback (HLS, MP4), {@code t} thumbnail, {@code g} animated,
 * {@code s} storyboard.
 */
public record MediaGrant(VideoId videoId, String purpose, ThumbnailSpec thumbnail, AnimatedSpec animated,
                         Instant expiresAt) {

    public static final String PLAYBACK = "v";
    public static final String THUMBNAIL = "t";
    public static final String ANIMATED = "g";
    public static final String STORYBOARD = "s";
}
