package com.yourbit.video.domain.captions;

import java.util.Locale;

/** Where a caption stands at its provider: {@code preparing} until the provider says it is playable. */
public enum CaptionStatus {
    PREPARING, READY, ERRORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
