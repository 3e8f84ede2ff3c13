package com.yourbit.video.api;

/**
 * Which still image a thumbnail URL asks for; each field may be {@code null} for the
 * provider's default.
 *
 * @param timeSeconds position in the video
 * @param width pixels
 * @param height pixels
 */
public record ThumbnailSpec(Double timeSeconds, Integer width, Integer height) {

    /**
     * The largest image one may ask for: a 4K UHD frame (3840 x 2160). Bigger is never
     * a thumbnail, and every pixel costs the renderer time and the cache bytes.
     */
    public static final int MAX_WIDTH = 3840;
    public static final int MAX_HEIGHT = 2160;

    public ThumbnailSpec {
        if (timeSeconds != null && (timeSeconds < 0 || timeSeconds.isNaN() || timeSeconds.isInfinite())) {
            throw new IllegalArgumentException("time must be a non-negative number of seconds");
        }
        if (width != null && width < 1) {
            throw new IllegalArgumentException("width must be between 1 and " + MAX_WIDTH);
        }
        if (height != null && height < 1) {
            throw new IllegalArgumentException("height must be between 1 and " + MAX_HEIGHT);
        }
    }

    public static ThumbnailSpec defaults() {
        return new ThumbnailSpec(null, null, null);
    }

    /**
     * This spec, when it fits a video of {@code durationSeconds} ({@code null}: not known) and
     * the size bounds; {@link IllegalArgumentException} with a message for the client otherwise.
     */
    public ThumbnailSpec checkFor(Double durationSeconds) {
        if (width != null && width > MAX_WIDTH) {
            throw new IllegalArgumentException("width must be between 1 and " + MAX_WIDTH);
        }
        if (height != null && height > MAX_HEIGHT) {
            throw new IllegalArgumentException("height must be between 1 and " + MAX_HEIGHT);
        }
        if (timeSeconds != null && durationSeconds != null && timeSeconds > durationSeconds) {
            throw new IllegalArgumentException("time must be between 0 and the video's duration, " + durationSeconds + " s");
        }
        return this;
    }
}
