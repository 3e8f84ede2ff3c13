package com.yourbit.video.api.captions;

import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.VideoRef;

import java.time.Duration;

/**
 * Capability: caption tracks (WebVTT subtitles) on a ready video at the provider. Calls may
 * block on the provider's API and are never made inside a transaction.
 */
public interface CaptionTracks {

    /**
     * Adds a track for {@code track.lang()}; when {@code replacing} names the provider's track of
     * the version it replaces, that one is removed once the new one is accepted (a provider that
     * keys tracks by language replaces in place and ignores it).
     *
     * @throws com.yourbit.video.api.ProviderUnavailableException when the provider failed or did not answer
     */
    TrackAdded add(VideoRef video, CaptionTrack track, String replacing);

    /**
     * Removes the provider's track; a track that is already gone is no failure.
     *
     * @throws com.yourbit.video.api.ProviderUnavailableException when the provider failed or did not answer
     */
    void remove(VideoRef video, LanguageTag lang, String trackId);

    /**
     * Where a player gets a ready track, signed like playback: the track's own WebVTT file where
     * the provider serves one, else the signed playback URL whose manifest carries the track.
     */
    SignedUrl trackUrl(VideoRef video, LanguageTag lang, String trackId, Duration ttl);
}
