package com.yourbit.video.providers.mux;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ThumbnailSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of a Mux image URL (mux.com/docs/guides/get-images-from-a-video): in the query
 * of a public URL ({@code ?time=2&width=320}), as claims of the token of a signed one. Numbers,
 * as Mux's own examples write them ({@code {time: 14, width: 100}} in the secure playback guide
 * and @mux/mux-node's README); whole seconds without a fraction.
 */
final class MuxImageParams {

    private MuxImageParams() {
    }

    /** {@code time}, {@code width}, {@code height} of a thumbnail, those given. */
    static Map<String, Number> of(ThumbnailSpec spec) {
        Map<String, Number> params = new LinkedHashMap<>();
        if (spec.timeSeconds() != null) {
            params.put("time", number(spec.timeSeconds()));
        }
        putSize(params, spec.width(), spec.height());
        return params;
    }

    /** {@code start}, {@code end}, {@code width} and/or {@code height}, {@code fps} of an animated preview. */
    static Map<String, Number> of(AnimatedSpec spec) {
        Map<String, Number> params = new LinkedHashMap<>();
        params.put("start", number(spec.start()));
        params.put("end", number(spec.end()));
        putSize(params, spec.width(), spec.height());
        params.put("fps", spec.fps());
        return params;
    }

    /** {@code ?a=1&b=2}, or empty without parameters. */
    static String query(Map<String, Number> params) {
        return params.isEmpty() ? "" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&", "?", ""));
    }

    /** Whole seconds as an integer ({@code "time": 14}), others as they are. */
    static Number number(double seconds) {
        return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15 ? (Number) (long) seconds : (Number) seconds;
    }

    private static void putSize(Map<String, Number> params, Integer width, Integer height) {
        if (width != null) {
            params.put("width", width);
        }
        if (height != null) {
            params.put("height", height);
        }
    }
}
