package com.yourbit.video.api;

import java.util.Objects;

/**
 * A provider's later word on a caption track (a verified webhook): it became playable, or it could
 * not be made. Matched by {@code ref} (our id of that version of the track,
 * echoed back by the provider) when given, else by the provider's {@code trackId}; a report
 * about a replaced version matches nothing and changes nothing.
 */
public record TrackReport(String trackId, String ref, State state, String reason) {

    public enum State { READY, ERRORED }

    public TrackReport {
        Objects.requireNonNull(state, "state");
        if (trackId == null && ref == null) {
            throw new IllegalArgumentException("a track report names the track or our ref of it");
        }
    }
}
