package com.yourbit.video.providers.local;

import com.yourbit.video.api.ThumbnailSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Renders one JPEG frame with ffmpeg, once per (video, time, size); later calls hit the cache. */
public class Thumbnailer {

    private final String ffmpeg;
    private final Path cacheDir;

    public Thumbnailer(String ffmpeg, Path cacheDir) {
        this.ffmpeg = ffmpeg;
        this.cacheDir = cacheDir;
    }

    public Path render(String uploadId, Path source, double timeSeconds, ThumbnailSpec spec) throws IOException {
        String name = String.format(Locale.ROOT, "%.3f_%sx%s.jpg", timeSeconds,
                spec.width() == null ? "auto" : spec.width(), spec.height() == null ? "auto" : spec.height());
        Path target = cacheDir.resolve(uploadId).resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "thumb", ".jpg");
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-v", "error", "-y",
                "-ss", String.format(Locale.ROOT, "%.3f", timeSeconds), "-i", source.toString(),
                "-frames:v", "1", "-q:v", "3"));
        if (spec.width() != null || spec.height() != null) {
            command.add("-vf");
            command.add("scale=" + dimension(spec.width()) + ":" + dimension(spec.height()));
        }
        command.add(tmp.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish in 60 s");
            }
            if (process.exitValue() != 0 || Files.size(tmp) == 0) {
                throw new IOException("ffmpeg could not render a frame at " + timeSeconds + " s");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering a thumbnail", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** ffmpeg keeps the aspect ratio for -2 and keeps dimensions even, as H.264 likes. */
    private static String dimension(Integer value) {
        return value == null ? "-2" : Integer.toString(value);
    }

    public void evict(String uploadId) throws IOException {
        Path dir = cacheDir.resolve(uploadId);
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
