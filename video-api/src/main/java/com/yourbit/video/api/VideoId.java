package com.yourbit.video.api;

import java.util.Objects;

/** This service's id of a video (a UUID), the one the web tier sees. */
public record VideoId(String value) {

    public VideoId {
        Objects.requireNonNull(value, "VideoId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a blank VideoId");
        }
    }

    public static VideoId of(String value) {
        return new VideoId(value);
    }

    /** Null for null, for optional columns and JSON fields. */
    public static VideoId ofNullable(String value) {
        return value == null ? null : new VideoId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
