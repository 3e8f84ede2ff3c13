package com.yourbit.video.api;

import java.util.Objects;

/** A provider event's identity, for de-duplication: the same key twice is the same event. */
public record EventKey(String value) {

    public EventKey {
        Objects.requireNonNull(value, "EventKey");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a blank EventKey");
        }
    }

    public static EventKey of(String value) {
        return new EventKey(value);
    }

    /** Null for null, for optional columns and JSON fields. */
    public static EventKey ofNullable(String value) {
        return value == null ? null : new EventKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
