package com.yourbit.video.domain;

import java.util.logging.Logger;

/**
 * A warning a background round would repeat every second (a setting missing, a peer down):
 * logged when it first appears or changes, not again until it is {@linkplain #clear cleared}.
 */
public final class RepeatedWarning {

    private final Logger log;
    private volatile String last;

    public RepeatedWarning(Logger log) {
        this.log = log;
    }

    public void warn(String message) {
        if (!message.equals(last)) {
            last = message;
            log.warning(message);
        }
    }

    /** The problem is gone: the next one is logged even when it is the same again. */
    public void clear() {
        last = null;
    }
}
