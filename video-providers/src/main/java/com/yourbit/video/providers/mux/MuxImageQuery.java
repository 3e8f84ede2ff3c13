package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ThumbnailSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The query of a public Mux image URL (mux.com/docs/guides/get-images-from-a-video):
 * {@code ?time=2&width=320&height=180}; empty when the image has no parameters.
 */
final class MuxImageQuery {

    private MuxImageQuery() {
    }

    static String of(ThumbnailSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.timeSeconds() != null) {
            parts.add("time=" + MuxPlaybackTokens.number(spec.timeSeconds()));
        }
        if (spec.width() != null) {
            parts.add("width=" + spec.width());
        }
        if (spec.height() != null) {
            parts.add("height=" + spec.height());
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
