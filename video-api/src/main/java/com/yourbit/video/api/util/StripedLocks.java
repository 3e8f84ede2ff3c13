package com.yourbit.video.api.util;

import java.util.Objects;

/**
 * A fixed set of monitors shared out by key: work on one key (an upload, a user) runs one at a
 * time, work on most other keys does not wait for it, and memory stays bounded whatever keys a
 * flood brings, where a lock per key would have to be made and forgotten.
 */
public final class StripedLocks {

    private final Object[] stripes;

    public StripedLocks(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one stripe, not " + count);
        }
        stripes = new Object[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Object();
        }
    }

    /** The monitor to hold for this key: always the same one for equal keys. */
    public Object of(Object key) {
        return stripes[Math.floorMod(Objects.requireNonNull(key).hashCode(), stripes.length)];
    }
}
