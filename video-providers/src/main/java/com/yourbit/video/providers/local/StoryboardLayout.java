package com.yourbit.video.providers.local;

import java.util.Locale;

/**
 * Where a video's storyboard tiles go: one tile per {@code intervalMillis} from the start, at
 * most {@link #MAX_TILES} and at least {@link #MIN_INTERVAL_MILLIS} apart (the bounds of the
 * storyboards the service composes for providers without one, ComposedStoryboard in the
 * domain), laid out row by row in a grid about as wide as it is high.
 *
 * @param tiles how many tiles, and cues: the last cue ends at the video's end
 */
record StoryboardLayout(double durationSeconds, long intervalMillis, int tiles, int columns, int rows) {

    static final int MAX_TILES = 100;
    static final long MIN_INTERVAL_MILLIS = 1000;

    static StoryboardLayout of(double durationSeconds) {
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("a storyboard needs the video's duration");
        }
        long millis = Math.round(durationSeconds * 1000);
        // Whole milliseconds, so ffmpeg's fps filter gets an exact rational (1000/interval).
        long interval = Math.max(MIN_INTERVAL_MILLIS, (millis + MAX_TILES - 1) / MAX_TILES);
        int tiles = (int) Math.max(1, (millis + interval - 1) / interval);
        int columns = (int) Math.ceil(Math.sqrt(tiles));
        int rows = (tiles + columns - 1) / columns;
        return new StoryboardLayout(durationSeconds, interval, tiles, columns, rows);
    }

    /** ffmpeg's frame rate for one frame per tile: {@code 1000/interval}. */
    String frameRate() {
        return "1000/" + intervalMillis;
    }

    /**
     * The WebVTT: one cue per tile, in time order, each naming the tile's region of
     * {@code image} as a media fragment ({@code #xywh=x,y,w,h}), as Mux's storyboards do.
     */
    String webVtt(String image, int tileWidth, int tileHeight) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        long end = Math.round(durationSeconds * 1000);
        for (int i = 0; i < tiles; i++) {
            long from = i * intervalMillis;
            long to = i == tiles - 1 ? Math.max(end, from + 1) : (i + 1) * intervalMillis;
            vtt.append('\n').append(timestamp(from)).append(" --> ").append(timestamp(to)).append('\n')
                    .append(image).append("#xywh=").append(i % columns * tileWidth).append(',')
                    .append(i / columns * tileHeight).append(',').append(tileWidth).append(',').append(tileHeight)
                    .append('\n');
        }
        return vtt.toString();
    }

    static String timestamp(long millis) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
