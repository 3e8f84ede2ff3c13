package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The media jobs that are not finished, one small file per upload in the storage
 * directory: a job is {@code queued} until its outcome is known, then holds the outcome
 * until the domain has taken it, and is then deleted. What survives a restart is exactly
 * what is left to do.
 */
public class MediaJobs {

    /** A job's outcome, once the pipeline has one. */
    public record Outcome(boolean ready, Double durationSeconds, String aspectRatio, String errorReason) {
    }

    private final Path dir;

    public MediaJobs(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("the media job directory is not available", e);
        }
    }

    /** Records a queued job; false when one is already recorded for the upload. */
    public synchronized boolean enqueue(String uploadId) {
        if (Files.exists(file(uploadId))) {
            return false;
        }
        Properties job = new Properties();
        job.setProperty("state", "queued");
        write(uploadId, job);
        return true;
    }

    public synchronized void finish(String uploadId, Outcome outcome) {
        Properties job = new Properties();
        job.setProperty("state", outcome.ready() ? "ready" : "errored");
        if (outcome.durationSeconds() != null) {
            job.setProperty("duration", outcome.durationSeconds().toString());
        }
        if (outcome.aspectRatio() != null) {
            job.setProperty("aspect", outcome.aspectRatio());
        }
        if (outcome.errorReason() != null) {
            job.setProperty("reason", outcome.errorReason());
        }
        write(uploadId, job);
    }

    /** The outcome of a finished job; empty while it is queued or when there is no job. */
    public synchronized Optional<Outcome> outcome(String uploadId) {
        try (Reader in = Files.newBufferedReader(file(uploadId))) {
            Properties job = new Properties();
            job.load(in);
            String state = job.getProperty("state");
            if ("queued".equals(state)) {
                return Optional.empty();
            }
            String duration = job.getProperty("duration");
            return Optional.of(new Outcome("ready".equals(state), duration == null ? null : Double.valueOf(duration),
                    job.getProperty("aspect"), job.getProperty("reason")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be read", e);
        }
    }

    public synchronized void remove(String uploadId) {
        try {
            Files.deleteIfExists(file(uploadId));
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be removed", e);
        }
    }

    /** The uploads with a recorded job, queued or finished. */
    public synchronized List<String> all() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".job"))
                    .forEach(n -> ids.add(n.substring(0, n.length() - 4)));
        } catch (IOException e) {
            throw new UncheckedIOException("the media jobs could not be listed", e);
        }
        return ids;
    }

    private Path file(String uploadId) {
        return dir.resolve(uploadId + ".job");
    }

    /** Written whole and forced before it counts: a crash leaves the old state or the new. */
    private void write(String uploadId, Properties job) {
        try {
            Path tmp = Files.createTempFile(dir, uploadId, ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                job.store(out, null);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ)) {
                channel.force(true);
            }
            Files.move(tmp, file(uploadId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be recorded", e);
        }
    }
}
