package com.yourbit.video.providers.local;

import com.yourbit.video.api.DownloadState;

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

    private final Path dir;

    public MediaExtrasJobs(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
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
        try (Reader in = Files.newBufferedReader(file(uploadId))) {
            Properties job = new Properties();
            job.load(in);
            int attempt = Integer.parseInt(job.getProperty("attempt", "1"));
            String download = job.getProperty("download");
            return Optional.of(new Job(attempt, download == null ? null
                    : new Outcome(DownloadState.valueOf(download), Boolean.parseBoolean(job.getProperty("storyboard")))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
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

    /** Written whole and forced before it counts: a crash leaves the old state or the new. */
    private void write(String uploadId, Job job) {
        Properties record = new Properties();
        record.setProperty("attempt", Integer.toString(job.attempt()));
        if (job.outcome() != null) {
            record.setProperty("download", job.outcome().download().name());
            record.setProperty("storyboard", Boolean.toString(job.outcome().storyboard()));
        }
        try {
            Path tmp = Files.createTempFile(dir, uploadId, ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                record.store(out, null);
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
