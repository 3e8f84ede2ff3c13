package com.yourbit.video.api.captions;

import java.util.Objects;

/**
 * What a provider answered to a new track: its id for the track, and whether it is playable
 * already ({@code false}: it reports that later, see {@link com.yourbit.video.api.TrackReport}).
 */
public record TrackAdded(String trackId, boolean ready) {

    public TrackAdded {
        Objects.requireNonNull(trackId, "trackId");
    }
}
