package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The downloads from a URL that are not finished, one small file per upload in the storage
 * directory (as {@link MediaJobs} keeps media jobs): the URL, and what the origin said that
 * decides how to resume ({@code Accept-Ranges}, its validator, the total length). The bytes
 * themselves are the upload's, in the upload store, whose offset is durable. What survives a
 * restart is what is left to do; a failure waits here until the domain has taken it.
 */
final class IngestJobs {

    /**
     * @param ranges the origin said {@code Accept-Ranges: bytes} (or answered a range)
     * @param validator its strong {@code ETag}, else its {@code Last-Modified}, for {@code If-Range}
     * @param total the file's length when the origin said it
     * @param failure why the download failed, once it did; null while it goes on
     */
    record Job(URI url, boolean ranges, String validator, Long total, String failure) {

        Job learned(boolean ranges, String validator, Long total) {
            return new Job(url, ranges, validator, total, failure);
        }

        Job failed(String reason) {
            return new Job(url, ranges, validator, total, reason);
        }
    }

    private final JobRecords records;

    IngestJobs(Path dir) {
        try {
            this.records = JobRecords.in(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("the ingest job directory is not available", e);
        }
    }

    /** Jobs kept in {@code records} (objects, so any node resumes them). */
    IngestJobs(JobRecords records) {
        this.records = records;
    }

    synchronized void record(String uploadId, URI url) {
        write(uploadId, new Job(url, false, null, null, null));
    }

    /** False (and nothing written) when the job was removed meanwhile (its video deleted). */
    synchronized boolean update(String uploadId, Job job) {
        try {
            if (!records.exists(file(uploadId))) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an ingest job could not be read", e);
        }
        write(uploadId, job);
        return true;
    }

    synchronized Optional<Job> job(String uploadId) {
        try {
            Optional<Properties> found = records.read(file(uploadId));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Properties p = found.get();
            String total = p.getProperty("total");
            return Optional.of(new Job(URI.create(p.getProperty("url")), Boolean.parseBoolean(p.getProperty("ranges")),
                    p.getProperty("validator"), total == null ? null : Long.valueOf(total), p.getProperty("failure")));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("an ingest job could not be read", e instanceof IOException io ? io : new IOException(e));
        }
    }

    synchronized void remove(String uploadId) {
        try {
            records.delete(file(uploadId));
        } catch (IOException e) {
            throw new UncheckedIOException("an ingest job could not be removed", e);
        }
    }

    synchronized List<String> all() {
        try {
            return records.names(".ingest");
        } catch (IOException e) {
            throw new UncheckedIOException("the ingest jobs could not be listed", e);
        }
    }

    private static String file(String uploadId) {
        return uploadId + ".ingest";
    }

    /** Written whole and forced before it counts: a crash leaves the old state or the new. */
    private void write(String uploadId, Job job) {
        Properties p = new Properties();
        p.setProperty("url", job.url().toString());
        p.setProperty("ranges", Boolean.toString(job.ranges()));
        if (job.validator() != null) {
            p.setProperty("validator", job.validator());
        }
        if (job.total() != null) {
            p.setProperty("total", job.total().toString());
        }
        if (job.failure() != null) {
            p.setProperty("failure", job.failure());
        }
        try {
            records.write(file(uploadId), p);
        } catch (IOException e) {
            throw new UncheckedIOException("an ingest job could not be recorded", e);
        }
    }
}
