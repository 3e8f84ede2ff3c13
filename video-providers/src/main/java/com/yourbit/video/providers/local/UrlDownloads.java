package com.yourbit.video.providers.local;

import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.api.ingest.IngestUrlPolicy;
import com.yourbit.video.api.ingest.IngestUrlRefusedException;
import com.yourbit.video.api.ingest.OriginFetch;
import com.yourbit.video.api.ingest.OriginResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local provider's ingest from a URL: this server downloads the file into the upload store,
 * through the same durable write path and size limit as a tus upload
 * ({@link FileUploadStore#append}), then the media pipeline takes it as it takes an upload.
 *
 * <p>Every connection goes through {@link IngestUrlPolicy}, the first and every redirect (at
 * most {@link OriginFetch#MAX_REDIRECTS}), and connects only to the addresses the policy checked
 * ({@link OriginResponse}). A {@code Content-Length} above the limit is refused before the body
 * is read; a body that runs past it is stopped. A connection that breaks is taken up again
 * from the durable offset, with {@code Range} when the origin said {@code Accept-Ranges: bytes}
 * (and {@code If-Range} with its validator, so a changed file starts over), else from zero;
 * after {@link #MAX_FAILURES} breaks in a row without progress, or on an answer that will not
 * change (4xx, a refused redirect, too large), the video is errored with the reason. Jobs are
 * recorded ({@link IngestJobs}) before they run and resumed after a restart.
 */
final class UrlDownloads {

    private static final Logger LOG = Logger.getLogger(UrlDownloads.class.getName());
    static final int MAX_FAILURES = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    /**
     * How long to wait for a connection and for the next bytes, and between attempts; and the
     * least an origin must send per {@code slowWindow} (the slow-upload bound of uploads).
     */
    record Timeouts(Duration connect, Duration idle, Duration firstRetry, Duration slowWindow, long slowMinBytes) {

        Timeouts(Duration connect, Duration idle, Duration firstRetry) {
            this(connect, idle, firstRetry, Duration.ofSeconds(30), 32 * 1024);
        }
    }

    /** A failure that asking again will not mend: the video is errored with this reason. */
    private static final class Permanent extends Exception {
        private static final long serialVersionUID = 1L;

        Permanent(String reason) {
            super(reason, null, false, false);
        }
    }

    private final ProviderName provider;
    private final IngestJobs jobs;
    private final Uploads uploads;
    private final Supplier<IngestUrlPolicy> policy;
    private final Function<UploadId, ProviderUpdate> complete;
    private final Executor executor;
    private final Clock clock;
    private final Timeouts timeouts;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, OriginResponse> open = new ConcurrentHashMap<>();
    private volatile Consumer<ProviderUpdate> updates;
    private volatile boolean closed;

    UrlDownloads(ProviderName provider, IngestJobs jobs, Uploads uploads, Supplier<IngestUrlPolicy> policy,
                 Function<UploadId, ProviderUpdate> complete, Executor executor, Clock clock, Timeouts timeouts) {
        this.provider = provider;
        this.jobs = jobs;
        this.uploads = uploads;
        this.policy = policy;
        this.complete = complete;
        this.executor = executor;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    /** Where outcomes go; until connected, failures wait in the job files. */
    void connect(Consumer<ProviderUpdate> updates) {
        this.updates = updates;
    }

    /**
     * Creates the upload that will hold the file and records the job; it runs from
     * {@link #begin} on (once the video is stored, so that every report finds it), or after a
     * restart. The upload's length is declared once the origin says it.
     */
    void record(String uploadId, URI source, Instant expiresAt) {
        uploads.create(uploadId, UploadInfo.DEFERRED, metadata(source), expiresAt);
        jobs.record(uploadId, source);
    }

    /** Queues a recorded job. */
    void begin(String uploadId) {
        submit(uploadId);
    }

    /** {@link #record} and {@link #begin} at once. */
    void start(String uploadId, URI source, Instant expiresAt) {
        record(uploadId, source, expiresAt);
        begin(uploadId);
    }

    /** Runs every recorded job (after a restart), and reports failures not yet taken. */
    void resume() {
        for (String uploadId : jobs.all()) {
            submit(uploadId);
        }
    }

    /** The video was deleted: the job is forgotten, and a download under way is cut off. */
    void discard(String uploadId) {
        jobs.remove(uploadId);
        closeQuietly(open.remove(uploadId));
    }

    /** The application stops: downloads under way are cut off and resume at the next start. */
    void close() {
        closed = true;
        open.values().forEach(UrlDownloads::closeQuietly);
    }

    boolean isRunning(String uploadId) {
        return inFlight.contains(uploadId);
    }

    private void submit(String uploadId) {
        try {
            executor.execute(() -> run(uploadId));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "the download of upload " + uploadId + " could not be queued; it runs at the next start");
        }
    }

    private void run(String uploadId) {
        if (!inFlight.add(uploadId)) {
            return;
        }
        try {
            download(uploadId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the download of upload " + uploadId + " failed; it is tried again at the next start", e);
        } finally {
            inFlight.remove(uploadId);
        }
    }

    private void download(String uploadId) {
        int failures = 0;
        Duration pause = timeouts.firstRetry();
        while (!closed) {
            Optional<IngestJobs.Job> job = jobs.job(uploadId);
            if (job.isEmpty()) {
                return; // deleted meanwhile
            }
            if (job.get().failure() != null) {
                report(uploadId, job.get().failure());
                return;
            }
            Optional<UploadInfo> before = uploads.find(uploadId);
            if (before.isEmpty()) {
                jobs.remove(uploadId); // the upload expired and was swept; the sweep reported it
                return;
            }
            if (before.get().isComplete()) {
                finish(uploadId);
                return;
            }
            try {
                fetch(uploadId, job.get(), before.get());
                if (uploads.find(uploadId).map(UploadInfo::isComplete).orElse(false)) {
                    finish(uploadId);
                    return;
                }
                throw new IOException("the origin's body ended before its end");
            } catch (Permanent e) {
                if (!closed) { // stopping, everything may fail (pools, the store's client): the next start decides
                    fail(uploadId, job.get(), e.getMessage());
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (closed || jobs.job(uploadId).isEmpty()) {
                    return;
                }
                long offsetBefore = before.get().offset();
                boolean progress = uploads.find(uploadId).map(u -> u.offset() > offsetBefore).orElse(false);
                // A trickling origin makes progress, yet must not keep its slot: its breaks add up.
                failures = progress && !(e instanceof MinimumRate.SlowOriginException) ? 1 : failures + 1;
                if (failures >= MAX_FAILURES) {
                    fail(uploadId, job.get(), "the file could not be downloaded: " + safe(e));
                    return;
                }
                LOG.info(() -> "the download of upload " + uploadId + " broke off (" + safe(e) + "); taken up again");
                if (progress) {
                    pause = timeouts.firstRetry();
                }
                sleep(pause);
                pause = pause.multipliedBy(2);
            } finally {
                closeQuietly(open.remove(uploadId));
            }
        }
    }

    /** One connection: follows redirects, then stores what the origin sends from the durable offset on. */
    private void fetch(String uploadId, IngestJobs.Job job, UploadInfo info) throws IOException, Permanent {
        long offset = info.offset();
        boolean resume = offset > 0 && job.ranges();
        OriginResponse response = connect(uploadId, job.url(), resume ? offset : 0,
                resume ? Optional.ofNullable(job.validator()) : Optional.empty());
        int status = response.status();
        Long total;
        long from;
        if (status == 206 && resume) {
            Matcher range = CONTENT_RANGE.matcher(response.header("Content-Range").orElse(""));
            if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
                throw startOver(uploadId, job, "the origin answered another range than asked for");
            }
            total = range.group(3).equals("*") ? job.total() : Long.valueOf(range.group(3));
            from = offset;
        } else if (status == 200) {
            total = response.contentLength().orElse(null);
            from = 0;
        } else if (status == 416 && resume) {
            throw startOver(uploadId, job, "the origin refused the range");
        } else if (status == 408 || status == 429 || status >= 500) {
            throw new IOException("the origin answered HTTP " + status);
        } else {
            throw new Permanent("the origin answered HTTP " + status + (status == 206 ? " to a request without a range" : ""));
        }
        if (total != null && total > uploads.maxSize()) {
            throw new Permanent("the file is larger than the maximum of " + uploads.maxSize() + " bytes");
        }
        if (from == 0 && offset > 0 || (total != null && !info.isLengthDeferred() && info.length() != total)) {
            restart(uploadId); // the origin sends the whole file again, or another file
            info = uploads.find(uploadId).orElseThrow(() -> new IOException("the upload is gone"));
        }
        boolean ranges = status == 206 || "bytes".equalsIgnoreCase(response.header("Accept-Ranges").orElse(""));
        if (!jobs.update(uploadId, job.learned(ranges, validator(response).orElse(null), total))) {
            throw new IOException("the video was deleted");
        }
        Chunk chunk = new Chunk(from, info.isLengthDeferred() && total != null ? Optional.of(total) : Optional.empty(),
                Optional.empty());
        MinimumRate body = new MinimumRate(response.body(), timeouts.slowWindow(), timeouts.slowMinBytes());
        try {
            UploadInfo after = uploads.append(uploadId, chunk, body);
            if (body.tripped()) {
                throw body.failure(); // the store kept what arrived; the next connection resumes from it
            }
            if (after.isLengthDeferred() && total == null) {
                // The origin gave no length and closed the body: what arrived is the file.
                uploads.append(uploadId, new Chunk(after.offset(), Optional.of(after.offset()), Optional.empty()),
                        new ByteArrayInputStream(new byte[0]));
            }
        } catch (UploadStoreException e) {
            if (body.tripped()) {
                throw body.failure();
            }
            switch (e.code()) {
                case UPLOAD_TOO_LARGE, UPLOAD_SIZE_EXCEEDED ->
                        throw new Permanent("the file is larger than the maximum of " + uploads.maxSize() + " bytes");
                case UPLOAD_EXPIRED -> throw new Permanent("the download took longer than allowed");
                // Anything else is a break like the origin's, bounded by MAX_FAILURES: a store away
                // for a moment (an object store's outage), a lock that cannot be taken now
                // (SERVER_BUSY while the lock pool is exhausted or closing in a reload).
                default -> throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** GET, following redirects, each hop checked by the policy before it is connected to (OriginFetch). */
    private OriginResponse connect(String uploadId, URI url, long from, Optional<String> ifRange) throws IOException, Permanent {
        try {
            return new OriginFetch(policy.get(), timeouts.connect(), timeouts.idle()).get(url, from, ifRange, response -> {
                closeQuietly(open.put(uploadId, response));
                if (closed || jobs.job(uploadId).isEmpty()) {
                    closeQuietly(response); // the download was stopped meanwhile
                }
            });
        } catch (IngestUrlRefusedException e) {
            throw new Permanent("the source URL or a redirect was refused: " + e.getMessage());
        } catch (OriginFetch.BadRedirectException e) {
            throw new Permanent(e.getMessage());
        }
    }

    private IOException startOver(String uploadId, IngestJobs.Job job, String why) {
        restart(uploadId);
        jobs.update(uploadId, job.learned(false, null, null));
        return new IOException(why + "; starting over");
    }

    /** The bytes so far are dropped: the next connection starts from zero. */
    private void restart(String uploadId) {
        Optional<UploadInfo> info = uploads.find(uploadId);
        if (info.isPresent()) {
            uploads.terminate(uploadId);
            uploads.create(uploadId, UploadInfo.DEFERRED, info.get().metadata(), info.get().expiresAt());
        }
    }

    /** The last byte is in: the media pipeline takes the file, the domain hears it is processing. */
    private void finish(String uploadId) {
        ProviderUpdate processing = complete.apply(UploadId.of(uploadId));
        Consumer<ProviderUpdate> target = updates;
        if (target != null) {
            target.accept(processing);
        }
        jobs.remove(uploadId);
        LOG.info(() -> "the download of upload " + uploadId + " is complete; the media pipeline has it");
    }

    private void fail(String uploadId, IngestJobs.Job job, String reason) {
        LOG.info(() -> "the download of upload " + uploadId + " failed: " + reason);
        if (jobs.update(uploadId, job.failed(reason))) {
            report(uploadId, reason);
        }
    }

    /** The failure goes to the domain; then the job and its bytes go. Until then it waits in the job file. */
    private void report(String uploadId, String reason) {
        Consumer<ProviderUpdate> target = updates;
        if (target == null) {
            return;
        }
        target.accept(ProviderUpdate.from(provider).event(EventKey.of("ingest-failed:" + uploadId))
                .upload(UploadId.of(uploadId)).errored(reason, clock.instant()));
        jobs.remove(uploadId);
        uploads.terminate(uploadId);
    }

    /** A strong ETag, else Last-Modified: what If-Range may carry. */
    private static Optional<String> validator(OriginResponse response) {
        Optional<String> etag = response.header("ETag").filter(e -> e.startsWith("\"") && e.length() <= 200);
        return etag.isPresent() ? etag : response.header("Last-Modified").filter(v -> v.length() <= 100);
    }

    /** The file's name from the URL's last path segment, as a tus upload's {@code filename}. */
    private static Map<String, String> metadata(URI source) {
        String path = source.getPath();
        if (path == null) {
            return Map.of();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)
                ? Map.of() : Map.of("filename", name);
    }

    /** The reason as a client may read it: no addresses, no stack traces. */
    private static String safe(Exception e) {
        if (e instanceof java.net.SocketTimeoutException) {
            return "the origin did not answer in time";
        }
        if (e instanceof java.net.ConnectException || e instanceof java.net.NoRouteToHostException) {
            return "the origin refused the connection";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "the TLS connection to the origin failed";
        }
        if (e instanceof java.io.EOFException || e instanceof java.net.SocketException) {
            return "the origin closed the connection";
        }
        String message = e.getMessage();
        return message != null && message.startsWith("the ") && message.length() < 200 ? message : "the connection failed";
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(Math.min(pause.toMillis(), 30_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OriginResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a connection to an origin", e);
            }
        }
    }
}
