package com.yourbit.video.api;

import java.util.Locale;

/**
 * Where a video's MP4 download stands. The order is how far a download got: a report of an
 * earlier state never undoes a later one (providers' events arrive out of order).
 */
public enum DownloadState {
    /** Nobody asked the provider for one yet. */
    NONE,
    /** Asked for; the provider is making it. */
    PREPARING,
    /** The provider could not make it; asking again may help. */
    ERRORED,
    READY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DownloadState fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The further of the two. */
    public DownloadState max(DownloadState other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
