package com.yourbit.video.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Capability: what a video offers beyond playback, as signed URLs: an MP4 download, a WebVTT
 * storyboard for scrubbing and animated previews. Every provider of this service has it.
 */
public interface RenditionSigner {

    /**
     * Where the provider stands with the video's MP4, asking it to make one when it has none
     * (or its last attempt failed). Safe to call again: an MP4 is asked for at most once while
     * one is being made.
     *
     * @throws ProviderUnavailableException when the provider failed or did not answer
     */
    DownloadState prepareDownload(VideoRef video);

    /** A signed URL of the MP4; call only once {@link #prepareDownload} said {@code READY}. */
    SignedUrl downloadUrl(VideoRef video, Duration ttl);

    /**
     * A signed URL of the file as it was uploaded, where the provider keeps and serves it
     * (the local provider does; Mux and Cloudflare keep only what they made of it). It is the
     * best source for a copy at another provider: no generation lost to a re-encode.
     */
    default Optional<SignedUrl> originalUrl(VideoRef video, Duration ttl) {
        return Optional.empty();
    }

    /**
     * The provider's own storyboard (a WebVTT file whose cues point at images); empty when the
     * provider has none and the service composes one from {@link PlaybackSigner#thumbnailUrl}.
     */
    Optional<SignedUrl> storyboardUrl(VideoRef video, Duration ttl);

    /**
     * An animated preview; {@link IllegalArgumentException} (a client's mistake) when the spec
     * is outside what this provider can make, e.g. a frame rate above its maximum.
     */
    SignedUrl animatedUrl(VideoRef video, AnimatedSpec spec, Duration ttl);
}
