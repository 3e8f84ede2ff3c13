package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A directory of rendered images, one folder per upload, that holds at most
 * {@code maxBytes}: after each render the oldest go first. Files still being written are not
 * counted ({@code cached} tells them apart by name).
 */
final class BoundedFileCache {

    private static final Logger LOG = Logger.getLogger(BoundedFileCache.class.getName());

    private final Path dir;
    private final long maxBytes;
    private final Predicate<String> cached;

    BoundedFileCache(Path dir, long maxBytes, Predicate<String> cached) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.cached = cached;
    }

    Path folder(String uploadId) {
        return dir.resolve(uploadId);
    }

    /**
     * Deletes the oldest files until the cache fits its size again; {@code keep} (just
     * rendered) stays. One trim at a time: they would only delete the same files.
     */
    synchronized void trim(Path keep) throws IOException {
        record Entry(Path path, long size, long modified) {
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.filter(p -> Files.isRegularFile(p) && cached.test(p.getFileName().toString())).forEach(p -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                    entries.add(new Entry(p, attributes.size(), attributes.lastModifiedTime().toMillis()));
                } catch (NoSuchFileException gone) {
                    // evicted meanwhile (the video was deleted)
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long total = entries.stream().mapToLong(Entry::size).sum();
        if (total <= maxBytes) {
            return;
        }
        entries.sort(Comparator.comparingLong(Entry::modified));
        int evicted = 0;
        for (Entry entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (!entry.path().equals(keep) && Files.deleteIfExists(entry.path())) {
                total -= entry.size();
                evicted++;
            }
        }
        int count = evicted;
        LOG.fine(() -> "cache " + dir.getFileName() + " over its size: " + count + " oldest files removed");
    }

    /** Everything cached for an upload, and what is being written for it (its video was deleted). */
    void evict(String uploadId) throws IOException {
        ScratchRuns.deleteTree(folder(uploadId));
    }
}
