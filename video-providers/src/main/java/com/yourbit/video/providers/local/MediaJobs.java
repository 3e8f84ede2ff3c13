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
 * directory. A job goes through its {@link Stage}s; from the first rendition on it holds its
 * outcome, and whether the domain has taken it. Once the last stage is done and the domain
 * has taken everything, the file is deleted. What survives a restart is exactly what is left
 * to do.
 *
 * <p>Only {@link #enqueue} creates a file; every later write changes an existing one and
 * does nothing once the job is {@link #remove}d (the video was deleted), so a job still
 * running then cannot bring it back.
 */
public class MediaJobs {

    /** What is left to do, in order. A further step of the pipeline is a further stage. */
    public enum Stage {
        /** Probe, the first (smallest) rendition: then the video is ready. */
        FIRST_RENDITION,
        /** The default thumbnail and the rest of the ladder. */
        LADDER,
        /** Nothing: only what the domain has not taken yet. */
        DONE
    }

    /** A job's outcome, once the pipeline has one. */
    public record Outcome(boolean ready, Double durationSeconds, String aspectRatio, String errorReason) {
    }

    /**
     * @param outcome null until the first rendition is made (or the upload found unusable)
     * @param outcomeTaken whether the domain has taken the outcome (ready or errored)
     */
    public record Job(Stage stage, Outcome outcome, boolean outcomeTaken) {

        static final Job QUEUED = new Job(Stage.FIRST_RENDITION, null, false);

        public Job {
            if (stage != Stage.FIRST_RENDITION && outcome == null) {
                throw new IllegalArgumentException("a job past its first rendition has an outcome");
            }
        }

        public Job next(Stage stage) {
            return new Job(stage, outcome, outcomeTaken);
        }

        public Job taken() {
            return new Job(stage, outcome, true);
        }
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
        write(uploadId, Job.QUEUED);
        return true;
    }

    /** Records where a job stands; false (and nothing written) when it was removed meanwhile. */
    public synchronized boolean update(String uploadId, Job job) {
        if (!Files.exists(file(uploadId))) {
            return false;
        }
        write(uploadId, job);
        return true;
    }

    /**
     * Notes that the domain took the job's outcome, keeping its stage as it is now (the job
     * may have moved on since the caller read it); false when there is no job.
     */
    public synchronized boolean markTaken(String uploadId) {
        Optional<Job> job = job(uploadId);
        if (job.isEmpty() || job.get().outcome() == null) {
            return false;
        }
        write(uploadId, job.get().taken());
        return true;
    }

    /** The job of an upload, when one is recorded. */
    public synchronized Optional<Job> job(String uploadId) {
        try (Reader in = Files.newBufferedReader(file(uploadId))) {
            Properties job = new Properties();
            job.load(in);
            return Optional.of(parse(job));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be read", e);
        }
    }

    /** The outcome of a job past its first rendition; empty while it is queued or when there is no job. */
    public Optional<Outcome> outcome(String uploadId) {
        return job(uploadId).map(Job::outcome);
    }

    public synchronized boolean exists(String uploadId) {
        return Files.exists(file(uploadId));
    }

    public synchronized void remove(String uploadId) {
        try {
            Files.deleteIfExists(file(uploadId));
            Files.deleteIfExists(dir.resolve(uploadId + ".lock")); // its claim (JobClaims), the job being gone
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

    /** Where the job files are; the claims of running jobs are kept beside them. */
    Path dir() {
        return dir;
    }

    private Path file(String uploadId) {
        return dir.resolve(uploadId + ".job");
    }

    /**
     * Files of versions before the ladder have no {@code stage}: {@code queued}, or an
     * outcome ({@code ready}/{@code errored}) not yet taken, their rendition being complete.
     */
    private static Job parse(Properties job) {
        String state = job.getProperty("state", "queued");
        if ("queued".equals(state)) {
            return Job.QUEUED;
        }
        String duration = job.getProperty("duration");
        Outcome outcome = new Outcome("ready".equals(state), duration == null ? null : Double.valueOf(duration),
                job.getProperty("aspect"), job.getProperty("reason"));
        Stage stage = Stage.valueOf(job.getProperty("stage", Stage.DONE.name()));
        return new Job(stage, outcome, Boolean.parseBoolean(job.getProperty("taken", "false")));
    }

    /** Written whole and forced before it counts: a crash leaves the old state or the new. */
    private void write(String uploadId, Job job) {
        Properties properties = new Properties();
        Outcome outcome = job.outcome();
        if (outcome == null) {
            properties.setProperty("state", "queued");
        } else {
            properties.setProperty("state", outcome.ready() ? "ready" : "errored");
            properties.setProperty("stage", job.stage().name());
            properties.setProperty("taken", Boolean.toString(job.outcomeTaken()));
            if (outcome.durationSeconds() != null) {
                properties.setProperty("duration", outcome.durationSeconds().toString());
            }
            if (outcome.aspectRatio() != null) {
                properties.setProperty("aspect", outcome.aspectRatio());
            }
            if (outcome.errorReason() != null) {
                properties.setProperty("reason", outcome.errorReason());
            }
        }
        try {
            Path tmp = Files.createTempFile(dir, uploadId, ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                properties.store(out, null);
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
