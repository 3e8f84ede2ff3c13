package com.yourbit.video.providers.local;

import jakarta.json.Json;
import jakarta.json.JsonArray;
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

/** Asks ffprobe what a file is: a video (duration, size, aspect ratio) or not. */
public class MediaProbe {

    /**
     * What ffprobe found in a video file. Duration may be {@code null} (e.g. a live-style
     * stream); {@code audioCodec} is {@code null} when the file has no sound.
     */
    public record VideoFacts(Double durationSeconds, int width, int height, String aspectRatio,
                             String videoCodec, String audioCodec) {
    }

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
                return Optional.of(new VideoFacts(duration(root, stream), width, height,
                        aspectRatio(stream.getString("display_aspect_ratio", ""), width, height),
                        stream.getString("codec_name", "unknown"), audioCodec));
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

    /** {@code 16:9} style, from the display aspect ratio when ffprobe gives a sensible one. */
    static String aspectRatio(String display, int width, int height) {
        if (display.matches("[1-9][0-9]*:[1-9][0-9]*")) {
            return display;
        }
        int gcd = BigInteger.valueOf(width).gcd(BigInteger.valueOf(height)).intValue();
        return (width / gcd) + ":" + (height / gcd);
    }
}
