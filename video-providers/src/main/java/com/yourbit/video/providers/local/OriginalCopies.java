package com.yourbit.video.providers.local;

import com.yourbit.video.api.util.StripedLocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Node-local copies of complete uploads kept in an object store: ffmpeg and ffprobe read
 * files, and a media job reads its source several times (probe, first rendition, ladder,
 * thumbnail, MP4, storyboard), so one download serves them all. At most {@code maxBytes} are
 * kept, oldest used first out (the copy just made always stays); a copy is made again when
 * needed. Copies are only ever of complete uploads, whose bytes never change.
 */
final class OriginalCopies {

    static final String NAME = "original";
    private static final String PARTIAL = "original.download";

    /** A copy is made once however many ask for it at the same time. */
    private final StripedLocks copying = new StripedLocks(64);
    private final BoundedFileCache cache;
    private final Download download;

    interface Download {
        void to(String uploadId, Path target) throws IOException;
    }

    OriginalCopies(Path dir, long maxBytes, Download download) {
        this.cache = new BoundedFileCache(dir, maxBytes, NAME::equals);
        this.download = download;
    }

    /** The local copy of a complete upload, made now if there is none. */
    Path copy(String uploadId) throws IOException {
        Path folder = cache.folder(uploadId);
        Path file = folder.resolve(NAME);
        synchronized (copying.of(uploadId)) {
            if (Files.isRegularFile(file)) {
                // Recently used: the last to go.
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                return file;
            }
            Files.createDirectories(folder);
            Path partial = folder.resolve(PARTIAL);
            try {
                download.to(uploadId, partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        cache.trim(file);
        return file;
    }

    void evict(String uploadId) throws IOException {
        cache.evict(uploadId);
    }
}
