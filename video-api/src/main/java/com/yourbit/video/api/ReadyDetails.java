package com.yourbit.video.api;

import java.net.URI;
import java.util.Objects;

/**
 * What a provider tells once a video can be played.
 *
 * @param assetId the provider's asset id
 * @param playbackId the id that playback URLs are built from
 * @param extUrl the provider's unsigned playback URL, if it has one
 * @param thumbnail the provider's thumbnail URL, if it gives one
 * @param durationSeconds may be {@code null} when unknown
 * @param aspectRatio e.g. {@code 16:9}, may be {@code null}
 */
public record ReadyDetails(AssetId assetId, PlaybackId playbackId, URI extUrl, URI thumbnail,
                           Double durationSeconds, String aspectRatio) {

    public ReadyDetails {
        Objects.requireNonNull(playbackId, "playbackId");
    }
}
