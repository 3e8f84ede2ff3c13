package com.yourbit.video.providers.local;

import com.yourbit.video.api.MediaInventory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adaptive ladder the local pipeline encodes: {@code video.action-map.local.ladder} (rungs
 * named by their short side, {@code 720p}), per rung {@code .ladder.<rung>.video-bitrate},
 * {@code .max-bitrate}, {@code .buffer-size} and {@code .audio-bitrate}, and the x264
 * {@code encoder-preset}. Values are checked when read: a wrong one is refused with its key.
 *
 * @param rungs smallest first
 */
public record LadderSettings(List<Rung> rungs, String preset) {

    /** x264's presets, fastest first. */
    public static final List<String> PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow");
    static final int MIN_HEIGHT = 16;
    static final int MAX_HEIGHT = 4320;
    private static final Pattern RUNG_NAME = Pattern.compile("([1-9][0-9]{1,3})p");
    private static final Pattern BITRATE = Pattern.compile("([0-9]{1,9})(\\.[0-9]{1,3})?([kKmM]?)");

    /**
     * One rung: H.264 at {@code videoBitrate} on average, at most {@code maxBitrate} over
     * {@code bufferSize} bits (x264's VBV), AAC at {@code audioBitrate}; bits per second.
     */
    public record Rung(int height, long videoBitrate, long maxBitrate, long bufferSize, long audioBitrate) {

        public Rung {
            if (height < MIN_HEIGHT || height > MAX_HEIGHT || height % 2 != 0) {
                throw new IllegalArgumentException("a rung's height is even, from " + MIN_HEIGHT + " to " + MAX_HEIGHT);
            }
        }

        /** How the rung and its files are named, {@code 720p}. */
        public String name() {
            return height + "p";
        }
    }

    public LadderSettings {
        rungs = rungs.stream().sorted(Comparator.comparingInt(Rung::height)).toList();
        if (rungs.isEmpty() || rungs.size() > MediaInventory.MAX_RENDITIONS) {
            throw new IllegalArgumentException(LocalSettings.PREFIX + "ladder names 1 to "
                    + MediaInventory.MAX_RENDITIONS + " rungs");
        }
        if (rungs.stream().map(Rung::height).distinct().count() != rungs.size()) {
            throw new IllegalArgumentException(LocalSettings.PREFIX + "ladder names a rung twice");
        }
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException(LocalSettings.PREFIX + "encoder-preset must be one of " + PRESETS
                    + ", not '" + preset + "'");
        }
    }

    /**
     * Reads the ladder from the action map.
     *
     * @param key a key of the local provider's action map (without its prefix) to its value, if set
     * @throws IllegalArgumentException naming the key whose value is wrong or missing
     */
    static LadderSettings read(Function<String, Optional<String>> key) {
        String names = required(key, "ladder");
        List<Rung> rungs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names.split(",")) {
            name = name.trim();
            Matcher rung = RUNG_NAME.matcher(name);
            if (!rung.matches()) {
                throw new IllegalArgumentException(LocalSettings.PREFIX + "ladder lists rungs by their short side, "
                        + "like 240p,360p,720p; '" + name + "' is not one");
            }
            int height = Integer.parseInt(rung.group(1));
            if (height < MIN_HEIGHT || height > MAX_HEIGHT || height % 2 != 0) {
                throw new IllegalArgumentException(LocalSettings.PREFIX + "ladder: the rung " + name
                        + " must be an even height from " + MIN_HEIGHT + "p to " + MAX_HEIGHT + "p");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(LocalSettings.PREFIX + "ladder names " + name + " twice");
            }
            rungs.add(rung(key, name, height));
        }
        return new LadderSettings(rungs, required(key, "encoder-preset"));
    }

    private static Rung rung(Function<String, Optional<String>> key, String name, int height) {
        String at = "ladder." + name + ".";
        long video = bitrate(key, at + "video-bitrate", 16_000, 200_000_000);
        long max = key.apply(at + "max-bitrate").isPresent()
                ? bitrate(key, at + "max-bitrate", video, 400_000_000) : video * 3 / 2;
        long buffer = key.apply(at + "buffer-size").isPresent()
                ? bitrate(key, at + "buffer-size", Math.max(1, max / 10), max * 10) : max * 2;
        long audio = bitrate(key, at + "audio-bitrate", 8_000, 512_000);
        return new Rung(height, video, max, buffer, audio);
    }

    /** {@code 2800k}, {@code 2.8M} or {@code 2800000}: bits per second, within [min, max]. */
    private static long bitrate(Function<String, Optional<String>> key, String name, long min, long max) {
        String text = required(key, name);
        Matcher value = BITRATE.matcher(text);
        if (!value.matches()) {
            throw new IllegalArgumentException(LocalSettings.PREFIX + name
                    + " must be bits per second like 2800k, 2.8M or 2800000, not '" + text + "'");
        }
        BigDecimal number = new BigDecimal(value.group(1) + (value.group(2) == null ? "" : value.group(2)));
        String unit = value.group(3).toLowerCase();
        long bits = number.multiply(BigDecimal.valueOf(unit.equals("k") ? 1_000 : unit.equals("m") ? 1_000_000 : 1))
                .longValue();
        if (bits < min || bits > max) {
            throw new IllegalArgumentException(LocalSettings.PREFIX + name + " must lie between " + min + " and "
                    + max + " bits per second, not " + text);
        }
        return bits;
    }

    private static String required(Function<String, Optional<String>> key, String name) {
        return key.apply(name).orElseThrow(() -> new IllegalArgumentException(LocalSettings.PREFIX + name + " is not set"));
    }
}
