package com.yourbit.video.api;

import java.util.Locale;

/**
 * An animated preview: the part of the video from {@code start} to {@code end} seconds, at
 * {@code fps} frames per second, {@code width} (or {@code height}) pixels, as GIF or WebP.
 * The bounds are Mux's (mux.com/docs/guides/get-images-from-a-video): at most 10 s and at
 * least 0.25 s long, at most 640 px either way, at most 30 fps. Unset sizes default to a width
 * of 320 px as Mux does; a provider with narrower limits checks them itself.
 */
public record AnimatedSpec(double start, double end, Integer width, Integer height, int fps, Format format) {

    public static final double MAX_SECONDS = 10;
    public static final double MIN_SECONDS = 0.25;
    public static final double DEFAULT_SECONDS = 5;
    public static final int MAX_SIZE = 640;
    public static final int DEFAULT_WIDTH = 320;
    public static final int MAX_FPS = 30;
    public static final int DEFAULT_FPS = 15;

    public enum Format {
        GIF, WEBP;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String contentType() {
            return "image/" + extension();
        }

        public static Format fromWireName(String value) {
            for (Format format : values()) {
                if (format.extension().equals(value)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("format must be gif or webp");
        }
    }

    public AnimatedSpec {
        if (!Double.isFinite(start) || start < 0) {
            throw new IllegalArgumentException("start must be a non-negative number of seconds");
        }
        if (!Double.isFinite(end) || end - start < MIN_SECONDS || end - start > MAX_SECONDS) {
            throw new IllegalArgumentException("end must be between " + MIN_SECONDS + " and " + (int) MAX_SECONDS
                    + " seconds after start");
        }
        if (width != null && (width < 1 || width > MAX_SIZE)) {
            throw new IllegalArgumentException("width must be between 1 and " + MAX_SIZE);
        }
        if (height != null && (height < 1 || height > MAX_SIZE)) {
            throw new IllegalArgumentException("height must be between 1 and " + MAX_SIZE);
        }
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("fps must be between 1 and " + MAX_FPS);
        }
        if (format == null) {
            format = Format.GIF;
        }
        if (width == null && height == null) {
            width = DEFAULT_WIDTH;
        }
    }

    /** From query values, each {@code null} when absent: Mux's defaults fill them. */
    public static AnimatedSpec of(Double start, Double end, Integer width, Integer height, Integer fps, Format format) {
        double from = start == null ? 0 : start;
        return new AnimatedSpec(from, end == null ? from + DEFAULT_SECONDS : end, width, height,
                fps == null ? DEFAULT_FPS : fps, format);
    }

    public double durationSeconds() {
        return end - start;
    }

    /** This spec when it lies within a video of {@code durationSeconds} ({@code null}: unknown). */
    public AnimatedSpec checkFor(Double durationSeconds) {
        if (durationSeconds != null && start >= durationSeconds) {
            throw new IllegalArgumentException("start must be before the end of the video, " + durationSeconds + " s");
        }
        return this;
    }
}
