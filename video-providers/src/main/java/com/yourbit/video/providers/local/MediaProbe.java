package com.yourbit.video.providers.local;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Asks ffprobe what a file is: a video (duration, size, aspect ratio, frame rate) or not. */
public class MediaProbe {

    /**
     * What ffprobe found in a video file. Duration may be {@code null} (e.g. a live-style
     * stream); {@code audioCodec} is {@code null} when the file has no sound.
     *
     * @param width the coded width, as stored
     * @param displayWidth the width a player shows, after the sample aspect ratio and a
     *                     rotation of a quarter turn (a phone's portrait video is stored
     *                     landscape with a rotation); so for {@code displayHeight}
     * @param frameRate the average frame rate, as ffmpeg writes it ({@code 30000/1001}),
     *                  or {@code null} when ffprobe does not know it
     */
    public record VideoFacts(Double durationSeconds, int width, int height, String aspectRatio,
                             String videoCodec, String audioCodec,
                             int displayWidth, int displayHeight, String frameRate) {

        /** Square pixels, not rotated, frame rate unknown. */
        public VideoFacts(Double durationSeconds, int width, int height, String aspectRatio,
                          String videoCodec, String audioCodec) {
            this(durationSeconds, width, height, aspectRatio, videoCodec, audioCodec, width, height, null);
        }

        public boolean hasAudio() {
            return audioCodec != null;
        }
    }

    /** Frame rates beyond this are taken for a container's time base, not the video's rate. */
    private static final double MAX_FRAME_RATE = 1000;

    private final String ffprobe;

    public MediaProbe(String ffprobe) {
        this.ffprobe = ffprobe;
    }

    /**
     * @return the video's facts, or empty when the file is not a video
     * @throws IOException when ffprobe cannot be run at all
     */
    public Optional<VideoFacts> probe(Path file) throws IOException {
        Process process = new ProcessBuilder(List.of(ffprobe, "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", file.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out;
        try {
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ffprobe did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing", e);
        }
        if (process.exitValue() != 0 || out.isBlank()) {
            return Optional.empty();
        }
        return parse(out);
    }

    static Optional<VideoFacts> parse(String ffprobeJson) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(ffprobeJson))) {
            root = reader.readObject();
        }
        JsonArray streams = root.getJsonArray("streams");
        if (streams == null) {
            return Optional.empty();
        }
        String audioCodec = null;
        for (JsonValue value : streams) {
            JsonObject stream = value.asJsonObject();
            if (audioCodec == null && "audio".equals(stream.getString("codec_type", ""))) {
                audioCodec = stream.getString("codec_name", "unknown");
            }
        }
        for (JsonValue value : streams) {
            JsonObject stream = value.asJsonObject();
            boolean isVideo = "video".equals(stream.getString("codec_type", ""));
            boolean isCoverArt = stream.containsKey("disposition")
                    && stream.getJsonObject("disposition").getInt("attached_pic", 0) == 1;
            int width = stream.getInt("width", 0);
            int height = stream.getInt("height", 0);
            if (isVideo && !isCoverArt && width > 0 && height > 0) {
                int displayWidth = width;
                int displayHeight = height;
                Optional<BigInteger[]> sar = ratio(stream.getString("sample_aspect_ratio", ""));
                if (sar.isPresent()) {
                    displayWidth = Math.max(1, (int) Math.round(width * sar.get()[0].doubleValue() / sar.get()[1].doubleValue()));
                }
                String aspect = aspectRatio(stream.getString("display_aspect_ratio", ""), width, height);
                if (quarterTurn(stream)) {
                    int w = displayWidth;
                    displayWidth = displayHeight;
                    displayHeight = w;
                    aspect = aspect.substring(aspect.indexOf(':') + 1) + ":" + aspect.substring(0, aspect.indexOf(':'));
                }
                return Optional.of(new VideoFacts(duration(root, stream), width, height, aspect,
                        stream.getString("codec_name", "unknown"), audioCodec, displayWidth, displayHeight,
                        frameRate(stream)));
            }
        }
        return Optional.empty();
    }

    private static Double duration(JsonObject root, JsonObject stream) {
        JsonObject format = root.getJsonObject("format");
        String text = format != null ? format.getString("duration", null) : null;
        if (text == null) {
            text = stream.getString("duration", null);
        }
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A rotation of 90 or 270 degrees: the display matrix ffprobe reports as side data (what
     * phones write), or the older {@code rotate} tag.
     */
    static boolean quarterTurn(JsonObject stream) {
        double rotation = 0;
        JsonArray sideData = stream.getJsonArray("side_data_list");
        if (sideData != null) {
            for (JsonValue value : sideData) {
                JsonObject data = value.asJsonObject();
                if (data.get("rotation") instanceof JsonNumber number) {
                    rotation = number.doubleValue();
                }
            }
        }
        JsonObject tags = stream.getJsonObject("tags");
        if (rotation == 0 && tags != null) {
            try {
                rotation = Double.parseDouble(tags.getString("rotate", "0"));
            } catch (NumberFormatException e) {
                rotation = 0;
            }
        }
        long quarters = Math.round(rotation / 90);
        return Math.abs(rotation - quarters * 90) < 1 && Math.floorMod(quarters, 2) == 1;
    }

    /** The average frame rate, else the stream's base rate, when sensible. */
    private static String frameRate(JsonObject stream) {
        for (String key : new String[] {"avg_frame_rate", "r_frame_rate"}) {
            Optional<BigInteger[]> rate = ratio(stream.getString(key, ""));
            if (rate.isPresent() && rate.get()[0].doubleValue() / rate.get()[1].doubleValue() <= MAX_FRAME_RATE) {
                BigInteger gcd = rate.get()[0].gcd(rate.get()[1]);
                return rate.get()[0].divide(gcd) + "/" + rate.get()[1].divide(gcd);
            }
        }
        return null;
    }

    /** A ratio like {@code 30000/1001} or {@code 4:3} of positive numbers. */
    private static Optional<BigInteger[]> ratio(String text) {
        if (!text.matches("[1-9][0-9]{0,9}[:/][1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        String[] parts = text.split("[:/]");
        return Optional.of(new BigInteger[] {new BigInteger(parts[0]), new BigInteger(parts[1])});
    }

    /** {@code 16:9} style, from the display aspect ratio when ffprobe gives a sensible one. */
    static String aspectRatio(String display, int width, int height) {
        if (display.matches("[1-9][0-9]*:[1-9][0-9]*")) {
            return display;
        }
        int gcd = BigInteger.valueOf(width).gcd(BigInteger.valueOf(height)).intValue();
        return (width / gcd) + ":" + (height / gcd);
    }
}
