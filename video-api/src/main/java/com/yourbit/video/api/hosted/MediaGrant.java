package com.yourbit.video.api.hosted;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;

import java.time.Instant;

/**
 * What a valid media token allows: one video's media of one kind until {@code expiresAt}; for
 * a thumbnail or animated token, the image it was signed for. The kinds are Mux's token
 * audiences: {@code v} playback (HLS, MP4), {@code t} thumbnail, {@code g} animated,
 * {@code s} storyboard; and this service's own {@code c}: one caption file, fetched by a provider
 * (Mux downloads text tracks), never by a player. A caption grant names the track version it
 * was signed for in {@code caption} ({@link CaptionGrant}), so a URL handed out before a
 * replacement never serves the new text.
 */
public record MediaGrant(VideoId videoId, String purpose, ThumbnailSpec thumbnail, AnimatedSpec animated,
                         Instant expiresAt, CaptionGrant caption) {

    /** The language and our ref of the caption track version a {@code c} token opens. */
    public record CaptionGrant(String lang, String ref) {
    }

    public MediaGrant(VideoId videoId, String purpose, ThumbnailSpec thumbnail, AnimatedSpec animated, Instant expiresAt) {
        this(videoId, purpose, thumbnail, animated, expiresAt, null);
    }

    public static final String PLAYBACK = "v";
    public static final String THUMBNAIL = "t";
    public static final String ANIMATED = "g";
    public static final String STORYBOARD = "s";
    public static final String CAPTION = "c";
}
