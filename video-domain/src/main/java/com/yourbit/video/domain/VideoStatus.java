package com.yourbit.video.domain;

import java.util.Locale;
import java.util.Optional;

public enum VideoStatus {
    PREPARING, READY, ERRORED, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VideoStatus> fromWireName(String value) {
        for (VideoStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
