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

    public static final int MAX_DIMENSION = 4096;

    public ThumbnailSpec {
        if (timeSeconds != null && (timeSeconds < 0 || timeSeconds.isNaN() || timeSeconds.isInfinite())) {
            throw new IllegalArgumentException("time must be a non-negative number of seconds");
        }
        if (width != null && (width < 1 || width > MAX_DIMENSION)) {
            throw new IllegalArgumentException("width must be between 1 and " + MAX_DIMENSION);
        }
        if (height != null && (height < 1 || height > MAX_DIMENSION)) {
            throw new IllegalArgumentException("height must be between 1 and " + MAX_DIMENSION);
        }
    }

    public static ThumbnailSpec defaults() {
        return new ThumbnailSpec(null, null, null);
    }
}
