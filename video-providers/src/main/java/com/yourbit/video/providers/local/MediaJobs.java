package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

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

    private final JobRecords records;
    private final JobClaims claims;

    public MediaJobs(Path dir) {
        this(directory(dir), new JobClaims(dir));
    }

    /** Jobs kept in {@code records}, run by whoever holds their {@code claims}. */
    MediaJobs(JobRecords records, JobClaims claims) {
        this.records = records;
        this.claims = claims;
    }

    private static JobRecords directory(Path dir) {
        try {
            return JobRecords.in(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("the media job directory is not available", e);
        }
    }

    /** Records a queued job; false when one is already recorded for the upload. */
    public synchronized boolean enqueue(String uploadId) {
        if (exists(uploadId)) {
            return false;
        }
        write(uploadId, Job.QUEUED);
        return true;
    }

    /** Records where a job stands; false (and nothing written) when it was removed meanwhile. */
    public synchronized boolean update(String uploadId, Job job) {
        if (!exists(uploadId)) {
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
        try {
            return records.read(file(uploadId)).map(MediaJobs::parse);
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be read", e);
        }
    }

    /** The outcome of a job past its first rendition; empty while it is queued or when there is no job. */
    public Optional<Outcome> outcome(String uploadId) {
        return job(uploadId).map(Job::outcome);
    }

    public synchronized boolean exists(String uploadId) {
        try {
            return records.exists(file(uploadId));
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be read", e);
        }
    }

    public synchronized void remove(String uploadId) {
        try {
            records.delete(file(uploadId));
            claims.forget(uploadId); // the job being gone
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be removed", e);
        }
    }

    /** The uploads with a recorded job, queued or finished. */
    public synchronized List<String> all() {
        try {
            return records.names(".job");
        } catch (IOException e) {
            throw new UncheckedIOException("the media jobs could not be listed", e);
        }
    }

    /** Who runs which job now. */
    JobClaims claims() {
        return claims;
    }

    private static String file(String uploadId) {
        return uploadId + ".job";
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
            records.write(file(uploadId), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be recorded", e);
        }
    }
}
