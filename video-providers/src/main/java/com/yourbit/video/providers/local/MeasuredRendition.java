package com.yourbit.video.providers.local;

import com.yourbit.video.api.Rendition;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * One finished rendition as measured from its files: what the master playlist says of it.
 *
 * @param bandwidth peak segment bit rate (RFC 8216 §4.1), bits per second
 * @param averageBandwidth average segment bit rate, bits per second
 * @param codecs the RFC 6381 codecs string, {@code avc1.64001f,mp4a.40.2}
 * @param frameRate frames per second
 */
public record MeasuredRendition(String name, int width, int height, long bandwidth, long averageBandwidth,
                                String codecs, double frameRate) {

    public MeasuredRendition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codecs, "codecs");
    }

    /** As the video's inventory shows it (the peak as its bitrate). */
    public Rendition rendition() {
        return new Rendition(name, width, height, bandwidth);
    }

    /** Kept beside the rendition's files, so the master playlist is rewritten without measuring again. */
    void store(Path file) throws IOException {
        Properties out = new Properties();
        out.setProperty("name", name);
        out.setProperty("width", Integer.toString(width));
        out.setProperty("height", Integer.toString(height));
        out.setProperty("bandwidth", Long.toString(bandwidth));
        out.setProperty("average-bandwidth", Long.toString(averageBandwidth));
        out.setProperty("codecs", codecs);
        out.setProperty("frame-rate", String.format(Locale.ROOT, "%.3f", frameRate));
        try (Writer writer = Files.newBufferedWriter(file)) {
            out.store(writer, null);
        }
    }

    static MeasuredRendition load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    /** @param where what the measurement is named in an error */
    static MeasuredRendition load(InputStream bytes, String where) throws IOException {
        Properties in = new Properties();
        try (Reader reader = new InputStreamReader(bytes, StandardCharsets.UTF_8)) {
            in.load(reader);
        }
        try {
            return new MeasuredRendition(in.getProperty("name"), Integer.parseInt(in.getProperty("width")),
                    Integer.parseInt(in.getProperty("height")), Long.parseLong(in.getProperty("bandwidth")),
                    Long.parseLong(in.getProperty("average-bandwidth")), in.getProperty("codecs"),
                    Double.parseDouble(in.getProperty("frame-rate")));
        } catch (RuntimeException e) {
            throw new IOException("the measurement in " + where + " is unreadable", e);
        }
    }
}
