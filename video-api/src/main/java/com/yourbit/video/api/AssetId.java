package com.yourbit.video.api;

import java.util.Objects;

/** A provider's id of the stored video (Mux asset id, Cloudflare Stream uid; the {@code ext_id} column). */
public record AssetId(String value) {

    public AssetId {
        Objects.requireNonNull(value, "AssetId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a blank AssetId");
        }
    }

    public static AssetId of(String value) {
        return new AssetId(value);
    }

    /** Null for null, for optional columns and JSON fields. */
    public static AssetId ofNullable(String value) {
        return value == null ? null : new AssetId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
