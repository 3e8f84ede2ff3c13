package com.yourbit.video.providers.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Scratch space of the runs that make one upload's media: {@code <dir>/<uploadId>.partial},
 * one fresh directory per run inside. A run of its own because an ffmpeg orphaned by a killed
 * server may still be writing into the directory of its run; what is in place is only ever
 * renamed there whole.
 */
final class ScratchRuns {

    private static final Logger LOG = Logger.getLogger(ScratchRuns.class.getName());

    private ScratchRuns() {
    }

    static Path of(Path dir, String uploadId) {
        return dir.resolve(uploadId + ".partial");
    }

    /** A new, empty directory for one run. */
    static Path next(Path runs) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(runs), "run");
    }

    /** Removes what earlier runs left; best effort: a leftover is only garbage. */
    static void clear(Path runs) {
        try {
            deleteTree(runs);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the unfinished media in " + runs, e);
        }
    }

    /**
     * Deletes the file or directory tree, not following links. Another deleter may be removing
     * the same tree at once (a stage that ends after its video was deleted, beside the
     * deletion): what it removed first is gone, not an error.
     */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(dir);
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                deleteTree(child);
            }
        } catch (NoSuchFileException removedMeanwhile) {
            return;
        }
        Files.deleteIfExists(dir);
    }
}
