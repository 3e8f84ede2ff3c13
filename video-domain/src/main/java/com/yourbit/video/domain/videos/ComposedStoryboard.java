package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ThumbnailSpec;

import java.net.URI;
import java.util.Locale;
import java.util.function.Function;

/**
 * A WebVTT storyboard for a provider that has none (Cloudflare): one cue per tile at even
 * intervals, each pointing at the provider's (signed) thumbnail of the tile's first instant.
 * At most {@link #MAX_TILES} tiles and at least {@link #MIN_INTERVAL_SECONDS} apart, so a long
 * video costs a bounded number of signed URLs and a short one no more tiles than it has seconds.
 */
public final class ComposedStoryboard {

    public static final int MAX_TILES = 100;
    public static final double MIN_INTERVAL_SECONDS = 1;
    /** The tile width Mux's storyboards use. */
    public static final int TILE_WIDTH = 256;

    private ComposedStoryboard() {
    }

    /**
     * @param durationSeconds the video's duration
     * @param aspectRatio e.g. {@code 16:9}; {@code null} when unknown (16:9 is assumed)
     * @param image the URL of the thumbnail a tile shows
     */
    public static String webVtt(double durationSeconds, String aspectRatio, Function<ThumbnailSpec, URI> image) {
        double interval = Math.max(MIN_INTERVAL_SECONDS, durationSeconds / MAX_TILES);
        int tiles = Math.max(1, (int) Math.ceil(durationSeconds / interval - 1e-9));
        int height = tileHeight(aspectRatio);
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < tiles; i++) {
            double from = i * interval;
            double to = Math.min(durationSeconds, (i + 1) * interval);
            vtt.append('\n').append(timestamp(from)).append(" --> ").append(timestamp(to)).append('\n')
                    .append(image.apply(new ThumbnailSpec(Math.floor(from * 1000) / 1000, TILE_WIDTH, height))).append('\n');
        }
        return vtt.toString();
    }

    /** Even, for the video's shape; 16:9 when the shape is not known. */
    static int tileHeight(String aspectRatio) {
        double ratio = 16.0 / 9;
        if (aspectRatio != null && aspectRatio.matches("[1-9][0-9]{0,5}:[1-9][0-9]{0,5}")) {
            String[] parts = aspectRatio.split(":");
            ratio = Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
        }
        int height = (int) Math.round(TILE_WIDTH / ratio / 2) * 2;
        return Math.max(2, Math.min(ThumbnailSpec.MAX_HEIGHT, height));
    }

    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
