package com.yourbit.video.providers.local;

import com.yourbit.video.api.ThumbnailSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Renders one JPEG frame with ffmpeg, once per (video, time, size); later calls hit the cache.
 * The cache holds at most {@code maxCacheBytes}: after each render the oldest images go first.
 */
public class Thumbnailer {

    private static final Logger LOG = Logger.getLogger(Thumbnailer.class.getName());

    /** Images being written start with this; rendered ones with their time (a digit). */
    private static final String TEMP_PREFIX = "thumb";

    private final String ffmpeg;
    private final Path cacheDir;
    private final long maxCacheBytes;

    public Thumbnailer(String ffmpeg, Path cacheDir, long maxCacheBytes) {
        this.ffmpeg = ffmpeg;
        this.cacheDir = cacheDir;
        this.maxCacheBytes = maxCacheBytes;
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
        return cacheDir.resolve(uploadId).resolve(name);
    }

    /** ffmpeg keeps the aspect ratio for -2 and keeps dimensions even, as H.264 likes. */
    private static String dimension(Integer value) {
        return value == null ? "-2" : Integer.toString(value);
    }

    /**
     * Deletes the oldest images until the cache fits its size again; {@code keep} (just
     * rendered) stays. One trim at a time: they would only delete the same files.
     */
    synchronized void trim(Path keep) throws IOException {
        record Image(Path path, long size, long modified) {
        }
        List<Image> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cacheDir, 2)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jpg") && !p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .forEach(p -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                    images.add(new Image(p, attributes.size(), attributes.lastModifiedTime().toMillis()));
                } catch (NoSuchFileException gone) {
                    // evicted meanwhile (the video was deleted)
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long total = images.stream().mapToLong(Image::size).sum();
        if (total <= maxCacheBytes) {
            return;
        }
        images.sort(Comparator.comparingLong(Image::modified));
        int evicted = 0;
        for (Image image : images) {
            if (total <= maxCacheBytes) {
                break;
            }
            if (!image.path().equals(keep) && Files.deleteIfExists(image.path())) {
                total -= image.size();
                evicted++;
            }
        }
        int count = evicted;
        LOG.fine(() -> "thumbnail cache over its size: " + count + " oldest images removed");
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
