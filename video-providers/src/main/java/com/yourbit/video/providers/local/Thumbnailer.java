package com.yourbit.video.providers.local;

import com.yourbit.video.api.ThumbnailSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders one JPEG frame with ffmpeg, once per (video, time, size); later calls hit the cache.
 * The cache holds at most {@code maxCacheBytes}: after each render the oldest images go first.
 */
public class Thumbnailer {

    /** Images being written start with this; rendered ones with their time (a digit). */
    private static final String TEMP_PREFIX = "thumb";

    private final String ffmpeg;
    private final BoundedFileCache cache;

    public Thumbnailer(String ffmpeg, Path cacheDir, long maxCacheBytes) {
        this.ffmpeg = ffmpeg;
        this.cache = new BoundedFileCache(cacheDir, maxCacheBytes,
                name -> name.endsWith(".jpg") && !name.startsWith(TEMP_PREFIX));
    }

    /** The rendered image, when it is in the cache. */
    public Optional<Path> cached(String uploadId, double timeSeconds, ThumbnailSpec spec) {
        Path target = target(uploadId, timeSeconds, spec);
        return Files.exists(target) ? Optional.of(target) : Optional.empty();
    }

    public Path render(String uploadId, Path source, double timeSeconds, ThumbnailSpec spec) throws IOException {
        Path target = target(uploadId, timeSeconds, spec);
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".jpg");
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering a thumbnail", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        trim(target);
        return target;
    }

    private Path target(String uploadId, double timeSeconds, ThumbnailSpec spec) {
        String name = String.format(Locale.ROOT, "%.3f_%sx%s.jpg", timeSeconds,
                spec.width() == null ? "auto" : spec.width(), spec.height() == null ? "auto" : spec.height());
        return cache.folder(uploadId).resolve(name);
    }

    /** ffmpeg keeps the aspect ratio for -2 and keeps dimensions even, as H.264 likes. */
    private static String dimension(Integer value) {
        return value == null ? "-2" : Integer.toString(value);
    }

    /** Deletes the oldest images until the cache fits its size again; {@code keep} stays. */
    void trim(Path keep) throws IOException {
        cache.trim(keep);
    }

    public void evict(String uploadId) throws IOException {
        cache.evict(uploadId);
    }
}
