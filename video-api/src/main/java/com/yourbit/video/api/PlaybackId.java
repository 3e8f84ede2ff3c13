package com.yourbit.video.api;

import java.util.Objects;

/** The public id a provider plays a video by (Mux playback id, Cloudflare uid, the local playback id). */
public record PlaybackId(String value) {

    public PlaybackId {
        Objects.requireNonNull(value, "PlaybackId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a blank PlaybackId");
        }
    }

    public static PlaybackId of(String value) {
        return new PlaybackId(value);
    }

    /** Null for null, for optional columns and JSON fields. */
    public static PlaybackId ofNullable(String value) {
        return value == null ? null : new PlaybackId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
