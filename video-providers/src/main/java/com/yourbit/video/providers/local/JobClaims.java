package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who runs a job now: a lock on a small file beside the job's, held while a delivery of the
 * job's message runs. A job's message can be delivered twice (a redelivery after a crash, and
 * the one the start sends for every unfinished job), and several nodes share the storage
 * directory: the claim makes sure one run at a time works on a job. An operating-system lock
 * ends with the process that held it, so a node killed with {@code kill -9} leaves no stale
 * claim behind; its unacknowledged message is delivered again and claims the job anew.
 *
 * <p>The lock files stay (deleting one while another process may just have opened it would
 * let two runs hold "the" lock); {@link #forget} removes one with its finished job.
 */
class JobClaims {

    /** A job held by this run until closed. */
    interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    private final Path dir;
    /** File locks are per process: within this JVM the set keeps a second thread off. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    JobClaims(Path dir) {
        this.dir = dir;
    }

    /** The job, when no other run holds it (here or on another node sharing the directory). */
    Optional<Claim> tryClaim(String id) {
        if (!held.add(id)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                held.remove(id);
                return Optional.empty();
            }
            FileChannel open = channel;
            return Optional.of(() -> {
                try {
                    open.close(); // releases the lock
                } catch (IOException e) {
                    throw new UncheckedIOException("a job claim could not be released", e);
                } finally {
                    held.remove(id);
                }
            });
        } catch (IOException | OverlappingFileLockException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the claim was not taken; nothing else to undo
            }
            held.remove(id);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("a job could not be claimed", io);
            }
            return Optional.empty();
        }
    }

    /** Removes the lock file of a job that is gone. */
    void forget(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("a job claim could not be removed", e);
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".lock");
    }
}
