package com.yourbit.video.providers.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures a finished rendition for the master playlist, from its files alone:
 * <ul>
 * <li>{@code BANDWIDTH} and {@code AVERAGE-BANDWIDTH} as RFC 8216 §4.1 defines them: a
 * segment's bit rate is its size (container included) divided by its {@code EXTINF} duration,
 * which ffmpeg writes from the segment's own timestamps; the peak is the highest rate of any
 * run of consecutive segments lasting 0.5 to 1.5 target durations; the average is all
 * segments' bits over the playlist's duration;</li>
 * <li>{@code RESOLUTION}, {@code FRAME-RATE} and {@code CODECS} from ffprobe of the first
 * segment: the H.264 profile, constraint flags and level are read from the sequence parameter
 * set itself (RFC 6381 {@code avc1.PPCCLL}), the AAC object type from the audio profile.</li>
 * </ul>
 */
public class RenditionMeter {

    /** A segment as its media playlist names it, with its size. */
    record Segment(String name, double seconds, long bytes) {
    }

    /** Peak and average segment bit rates, bits per second. */
    record Bitrates(long peak, long average) {
    }

    /** What ffprobe says of a segment's streams. */
    record StreamFacts(int width, int height, double frameRate, String codecs) {
    }

    private static final Map<String, Integer> AAC_OBJECT_TYPES = Map.of(
            "Main", 1, "LC", 2, "SSR", 3, "LTP", 4, "HE-AAC", 5, "HE-AACv2", 29);
    private static final Map<String, String> H264_PROFILES = Map.of(
            "Constrained Baseline", "4240", "Baseline", "4200", "Main", "4d00", "Extended", "5800",
            "High", "6400", "High 10", "6e00", "High 4:2:2", "7a00", "High 4:4:4 Predictive", "f400");

    private final String ffprobe;

    public RenditionMeter(String ffprobe) {
        this.ffprobe = ffprobe;
    }

    /** Measures the rendition in {@code dir} (its media playlist and segments). */
    public MeasuredRendition measure(Path dir, String name) throws IOException {
        String playlist = Files.readString(dir.resolve(HlsRenditions.MEDIA_PLAYLIST), StandardCharsets.UTF_8);
        List<Segment> segments = new ArrayList<>();
        for (Segment listed : segments(playlist)) {
            segments.add(new Segment(listed.name(), listed.seconds(), Files.size(dir.resolve(listed.name()))));
        }
        if (segments.isEmpty()) {
            throw new IOException("the rendition " + name + " has no segments");
        }
        Bitrates bitrates = bitrates(segments, targetDuration(playlist));
        StreamFacts facts = streams(probe(dir.resolve(segments.get(0).name())));
        return new MeasuredRendition(name, facts.width(), facts.height(), bitrates.peak(), bitrates.average(),
                facts.codecs(), facts.frameRate());
    }

    /** The segments a media playlist lists, with their EXTINF durations (sizes 0). */
    static List<Segment> segments(String playlist) throws IOException {
        List<Segment> segments = new ArrayList<>();
        Double seconds = null;
        for (String line : playlist.lines().map(String::trim).toList()) {
            if (line.startsWith("#EXTINF:")) {
                String value = line.substring("#EXTINF:".length());
                int comma = value.indexOf(',');
                try {
                    seconds = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
                } catch (NumberFormatException e) {
                    throw new IOException("an EXTINF without a duration: " + line);
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (seconds == null || !HlsRenditions.SEGMENT.matcher(line).matches()) {
                    throw new IOException("an unexpected entry in a media playlist: " + line);
                }
                segments.add(new Segment(line, seconds, 0));
                seconds = null;
            }
        }
        return segments;
    }

    static double targetDuration(String playlist) throws IOException {
        return playlist.lines().filter(l -> l.startsWith("#EXT-X-TARGETDURATION:")).findFirst()
                .map(l -> Double.parseDouble(l.substring("#EXT-X-TARGETDURATION:".length()).trim()))
                .orElseThrow(() -> new IOException("a media playlist without EXT-X-TARGETDURATION"));
    }

    /**
     * RFC 8216 §4.1: the peak over every run of consecutive segments lasting 0.5 to 1.5 target
     * durations (a short last segment counts together with the one before it); the average
     * over the whole playlist. A playlist with no such run (shorter than half the target
     * duration altogether) has its average as its peak.
     */
    static Bitrates bitrates(List<Segment> segments, double targetDuration) {
        long totalBytes = 0;
        double totalSeconds = 0;
        for (Segment segment : segments) {
            totalBytes += segment.bytes();
            totalSeconds += segment.seconds();
        }
        long average = totalSeconds > 0 ? Math.round(totalBytes * 8 / totalSeconds) : 0;
        double peak = 0;
        for (int first = 0; first < segments.size(); first++) {
            long bytes = 0;
            double seconds = 0;
            for (int last = first; last < segments.size() && seconds < 1.5 * targetDuration; last++) {
                bytes += segments.get(last).bytes();
                seconds += segments.get(last).seconds();
                if (seconds >= 0.5 * targetDuration && seconds <= 1.5 * targetDuration) {
                    peak = Math.max(peak, bytes * 8 / seconds);
                }
            }
        }
        return new Bitrates(peak > 0 ? Math.round(Math.ceil(peak)) : average, average);
    }

    private JsonObject probe(Path segment) throws IOException {
        Process process = new ProcessBuilder(List.of(ffprobe, "-v", "error", "-print_format", "json",
                "-show_streams", "-show_data", segment.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
            throw new IOException("interrupted while measuring a rendition", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("ffprobe could not read " + segment.getFileName());
        }
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            return reader.readObject();
        }
    }

    /** The picture and codecs of a segment, from ffprobe's JSON ({@code -show_streams -show_data}). */
    static StreamFacts streams(JsonObject probed) throws IOException {
        JsonObject video = null;
        JsonObject audio = null;
        for (JsonValue value : probed.getJsonArray("streams")) {
            JsonObject stream = value.asJsonObject();
            String type = stream.getString("codec_type", "");
            if (video == null && type.equals("video")) {
                video = stream;
            } else if (audio == null && type.equals("audio")) {
                audio = stream;
            }
        }
        if (video == null || !"h264".equals(video.getString("codec_name", ""))) {
            throw new IOException("the rendition has no H.264 video");
        }
        String codecs = avc1(video);
        if (audio != null) {
            codecs += "," + mp4a(audio);
        }
        double frameRate = rate(video.getString("r_frame_rate", ""));
        if (frameRate <= 0) {
            frameRate = rate(video.getString("avg_frame_rate", ""));
        }
        return new StreamFacts(video.getInt("width"), video.getInt("height"), frameRate, codecs);
    }

    /**
     * {@code avc1.PPCCLL}: profile_idc, the constraint flags and level_idc, the three bytes after
     * the NAL header of the sequence parameter set (in the Annex B extradata of MPEG-TS, or
     * an avcC record); from ffprobe's profile and level names only when neither is there.
     */
    static String avc1(JsonObject video) throws IOException {
        byte[] data = hexDump(video.getString("extradata", ""));
        for (int i = 0; i + 6 < data.length; i++) {
            boolean startCode = data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1;
            if (startCode && (data[i + 3] & 0x1f) == 7) {
                return String.format(Locale.ROOT, "avc1.%02x%02x%02x", data[i + 4] & 0xff, data[i + 5] & 0xff,
                        data[i + 6] & 0xff);
            }
        }
        if (data.length >= 4 && data[0] == 1) {
            return String.format(Locale.ROOT, "avc1.%02x%02x%02x", data[1] & 0xff, data[2] & 0xff, data[3] & 0xff);
        }
        String profile = H264_PROFILES.get(video.getString("profile", ""));
        int level = video.getInt("level", -1);
        if (profile == null || level <= 0 || level > 255) {
            throw new IOException("the H.264 profile and level of the rendition are unknown");
        }
        return String.format(Locale.ROOT, "avc1.%s%02x", profile, level);
    }

    static String mp4a(JsonObject audio) throws IOException {
        String codec = audio.getString("codec_name", "");
        if (codec.equals("mp3")) {
            return "mp4a.40.34";
        }
        Integer objectType = codec.equals("aac") ? AAC_OBJECT_TYPES.get(audio.getString("profile", "")) : null;
        if (objectType == null) {
            throw new IOException("the rendition's sound is neither AAC nor MP3: " + codec);
        }
        return "mp4a.40." + objectType;
    }

    /** ffprobe's {@code -show_data} dump: {@code 00000000: 0000 0167 6400 15ac ...  ascii}. */
    static byte[] hexDump(String dump) {
        StringBuilder hex = new StringBuilder();
        for (String line : dump.lines().toList()) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String bytes = line.substring(colon + 2);
            int ascii = bytes.indexOf("  ");
            hex.append((ascii < 0 ? bytes : bytes.substring(0, ascii)).replace(" ", ""));
        }
        return hex.length() % 2 == 0 && hex.toString().matches("[0-9a-fA-F]*")
                ? HexFormat.of().parseHex(hex) : new byte[0];
    }

    private static double rate(String ratio) {
        if (!ratio.matches("[0-9]{1,10}/[1-9][0-9]{0,9}")) {
            return 0;
        }
        int slash = ratio.indexOf('/');
        return Double.parseDouble(ratio.substring(0, slash)) / Double.parseDouble(ratio.substring(slash + 1));
    }
}
