package com.yourbit.video.providers.local;

import com.yourbit.video.api.DownloadState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@link MediaExtras} jobs not finished, one small file per upload: a job is queued until
 * its run ends, then holds the outcome until the domain has taken it, and is then deleted, as
 * {@link MediaJobs} does for the HLS work. What survives a restart is what is left to do.
 *
 * <p>Each job has an attempt number: asking for the MP4 again after a failed attempt queues
 * the next one, and the outcome of a run only counts for the attempt it ran for.
 */
public class MediaExtrasJobs {

    /** What one run made: the MP4's state ({@code READY} or {@code ERRORED}) and whether a storyboard exists. */
    public record Outcome(DownloadState download, boolean storyboard) {
    }

    /** A recorded job; {@code outcome} is {@code null} while it is queued. */
    public record Job(int attempt, Outcome outcome) {
        boolean queued() {
            return outcome == null;
        }
    }

    private final JobRecords records;
    private final JobClaims claims;

    public MediaExtrasJobs(Path dir) {
        this(directory(dir), new JobClaims(dir));
    }

    /** Jobs kept in {@code records}, run by whoever holds their {@code claims}. */
    MediaExtrasJobs(JobRecords records, JobClaims claims) {
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

    /** Records the first attempt; false when a job is already recorded for the upload. */
    public synchronized boolean enqueue(String uploadId) {
        if (find(uploadId).isPresent()) {
            return false;
        }
        write(uploadId, new Job(1, null));
        return true;
    }

    /** A queued job for the upload: the one queued already, else the next attempt. */
    public synchronized Job requeue(String uploadId) {
        Optional<Job> job = find(uploadId);
        if (job.isPresent() && job.get().queued()) {
            return job.get();
        }
        Job next = new Job(job.map(j -> j.attempt() + 1).orElse(1), null);
        write(uploadId, next);
        return next;
    }

    /** Records a run's outcome; false (nothing written) when the job is gone or a newer attempt was queued. */
    public synchronized boolean finish(String uploadId, int attempt, Outcome outcome) {
        Optional<Job> job = find(uploadId);
        if (job.isEmpty() || job.get().attempt() != attempt) {
            return false;
        }
        write(uploadId, new Job(attempt, outcome));
        return true;
    }

    public synchronized Optional<Job> find(String uploadId) {
        try {
            return records.read(file(uploadId)).map(job -> {
                int attempt = Integer.parseInt(job.getProperty("attempt", "1"));
                String download = job.getProperty("download");
                return new Job(attempt, download == null ? null
                        : new Outcome(DownloadState.valueOf(download), Boolean.parseBoolean(job.getProperty("storyboard"))));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be read", e);
        }
    }

    /** Deletes the job once its outcome for {@code attempt} was taken; a newer attempt stays. */
    public synchronized void done(String uploadId, int attempt) {
        Optional<Job> job = find(uploadId);
        if (job.isPresent() && job.get().attempt() == attempt && !job.get().queued()) {
            remove(uploadId);
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

    /** Written whole and forced before it counts: a crash leaves the old state or the new. */
    private void write(String uploadId, Job job) {
        Properties record = new Properties();
        record.setProperty("attempt", Integer.toString(job.attempt()));
        if (job.outcome() != null) {
            record.setProperty("download", job.outcome().download().name());
            record.setProperty("storyboard", Boolean.toString(job.outcome().storyboard()));
        }
        try {
            records.write(file(uploadId), record);
        } catch (IOException e) {
            throw new UncheckedIOException("a media job could not be recorded", e);
        }
    }
}
