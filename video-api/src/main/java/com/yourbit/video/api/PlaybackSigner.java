package com.yourbit.video.api;

import java.time.Duration;

/** Capability: signed (or, by policy, public) playback and thumbnail URLs for a ready video. */
public interface PlaybackSigner {

    SignedUrl playbackUrl(VideoRef video, Duration ttl);

    SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl);
}
