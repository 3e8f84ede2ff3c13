package com.yourbit.video.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a move of a video to another provider stands ({@link VideoMove}).
 * <pre>
 *   queued -> waiting_for_source -> ingesting -> done
 *   queued -> ingesting                      (the source could be signed at once)
 *   any active state -> failed
 * </pre>
 */
public enum MoveState {
    /** Waits for a worker (bulk moves wait here until one of the few working slots is free). */
    QUEUED,
    /** The old provider is making the file the new one fetches (a Mux MP4, a Cloudflare download). */
    WAITING_FOR_SOURCE,
    /** The new provider fetches and processes the file; the video still plays from the old one. */
    INGESTING,
    /** Switched: the video plays from the new provider. */
    DONE,
    /** The video was left as it was; {@code reason} says why. */
    FAILED;

    public boolean active() {
        return this != DONE && this != FAILED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MoveState> fromWireName(String value) {
        for (MoveState state : values()) {
            if (state.wireName().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
