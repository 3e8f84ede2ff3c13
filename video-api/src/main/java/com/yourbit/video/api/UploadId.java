package com.yourbit.video.api;

import java.util.Objects;

/** A provider's id of one direct upload: the local upload token, a Mux upload id, a Cloudflare Stream uid before the video exists. */
public record UploadId(String value) {

    public UploadId {
        Objects.requireNonNull(value, "UploadId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a blank UploadId");
        }
    }

    public static UploadId of(String value) {
        return new UploadId(value);
    }

    /** Null for null, for optional columns and JSON fields. */
    public static UploadId ofNullable(String value) {
        return value == null ? null : new UploadId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
