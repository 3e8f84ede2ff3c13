package com.yourbit.video.api;

import java.time.Duration;

/** Capability: signed (or, by policy, public) playback and thumbnail URLs for a ready video. */
public interface PlaybackSigner {

    SignedUrl playbackUrl(VideoRef video, Duration ttl);

    SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl);

    /**
     * Which key signs this provider's URLs (and its rendition URLs) now: a value that changes
     * when the key is replaced, so that a URL signed with the old one is not handed out again.
     * Cheap to ask (it is asked per request); never the key itself. {@code null}, the default,
     * means that signed URLs must not be reused at all.
     */
    default String signingKeyVersion() {
        return null;
    }
}
