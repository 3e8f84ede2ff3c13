package com.yourbit.video.providers.local;

import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the media pipeline makes of a video once it plays: the MP4 download ({@link Mp4Maker})
 * and the storyboard ({@link StoryboardMaker}). The video is ready without them; they follow on
 * on the same job queue as the HLS work, and the domain hears of them as a media change
 * ({@code download} preparing, then ready or errored; {@code storyboard} true once the sprite
 * is made, or once it failed for a video of known duration: then the service composes one).
 *
 * <p>Jobs are recorded ({@link MediaExtrasJobs}) before their message is sent; a delivery runs
 * what the job file says is queued ({@link #deliver}), claimed as the pipeline's are
 * ({@link JobClaims}), and skips what an earlier run finished. A job running when its node
 * died (even in the middle of an MP4) is delivered again, and {@link #resume()} sends a
 * message for every job left queued at the start. A message delivered more than
 * {@link MediaPipeline#MAX_ATTEMPTS} times ends the job with what was made. A video processed before this
 * existed, or whose MP4 failed, gets a job when its MP4 is asked for ({@link #prepareDownload}).
 */
public class MediaExtras {

    private static final Logger LOG = Logger.getLogger(MediaExtras.class.getName());
    /** A failed MP4 is tried again on request, but not more often than this: each try is an ffmpeg run. */
    static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(1);

    private final ProviderName provider;
    private final MediaExtrasJobs jobs;
    private final Function<String, Path> sources;
    private final MediaProbe probe;
    private final Mp4Maker mp4;
    private final StoryboardMaker storyboards;
    private final JobSender sender;
    private final JobClaims claims;
    private final Clock clock;
    private final Set<String> unsent = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private volatile Consumer<ProviderUpdate> updates;

    public MediaExtras(ProviderName provider, MediaExtrasJobs jobs, Function<String, Path> sources, MediaProbe probe,
                       Mp4Maker mp4, StoryboardMaker storyboards, JobSender sender, Clock clock) {
        this.provider = provider;
        this.jobs = jobs;
        this.sources = sources;
        this.probe = probe;
        this.mp4 = mp4;
        this.storyboards = storyboards;
        this.sender = sender;
        this.claims = jobs.claims();
        this.clock = clock;
    }

    /** Where outcomes go; until connected, they wait in the job files. */
    public void connect(Consumer<ProviderUpdate> updates) {
        this.updates = updates;
    }

    /** Queues the job of a video that just became playable, unless one is recorded. */
    public void start(String uploadId) {
        if (jobs.enqueue(uploadId)) {
            send(uploadId);
        }
    }

    /**
     * Where the upload's MP4 stands: {@code READY} when it is there; otherwise a job is made
     * sure to be queued and running (a new attempt after a failed one, at most once per
     * {@link #RETRY_FAILED_AFTER}) and the answer is {@code PREPARING}, or {@code ERRORED}
     * while a failure is too recent to try again.
     */
    public DownloadState prepareDownload(String uploadId) {
        if (mp4.exists(uploadId)) {
            return DownloadState.READY;
        }
        Instant failed = failedAt.get(uploadId);
        if (failed != null && clock.instant().isBefore(failed.plus(RETRY_FAILED_AFTER))) {
            return DownloadState.ERRORED;
        }
        boolean queuedAlready = jobs.find(uploadId).map(MediaExtrasJobs.Job::queued).orElse(false);
        jobs.requeue(uploadId);
        if (!queuedAlready) {
            send(uploadId); // a queued job has its message (or gets one at the next start)
        }
        return DownloadState.PREPARING;
    }

    /** At the start: queues the jobs left queued and offers outcomes not yet taken. */
    public void resume() {
        for (String uploadId : jobs.all()) {
            Optional<MediaExtrasJobs.Job> job = jobs.find(uploadId);
            if (job.isEmpty()) {
                continue;
            }
            if (job.get().queued()) {
                send(uploadId);
            } else {
                report(uploadId, job.get());
            }
        }
    }

    /** The periodic sweep: outcomes not yet taken are offered again, jobs not sent are sent. */
    public void sweep() {
        for (String uploadId : jobs.all()) {
            jobs.find(uploadId).filter(job -> !job.queued()).ifPresent(job -> report(uploadId, job));
        }
        for (String uploadId : List.copyOf(unsent)) {
            unsent.remove(uploadId);
            if (jobs.find(uploadId).isPresent()) {
                send(uploadId);
            }
        }
    }

    /** The application stops: a run going on is delivered again, nothing more is started. */
    public void close() {
        closed = true;
    }

    /** Forgets an upload's job and removes its MP4 and storyboard (the video was deleted). */
    public void discard(String uploadId) throws IOException {
        jobs.remove(uploadId);
        failedAt.remove(uploadId);
        mp4.delete(uploadId);
        storyboards.delete(uploadId);
    }

    private void send(String uploadId) {
        try {
            sender.send(uploadId, Duration.ZERO);
        } catch (RuntimeException e) {
            unsent.add(uploadId);
            LOG.warning(() -> "MP4/storyboard job for upload " + uploadId + " not queued now (" + e.getMessage() + "); the sweep sends it");
        }
    }

    /**
     * One delivery of a job's message: runs the job as recorded, unless another run holds it.
     * Asked for again while this run made an attempt that failed: the next attempt is queued,
     * once the claim is released.
     *
     * @param delivery the message's delivery count, from 1
     * @throws JobStoppedException when the application stopped: the message is to be delivered again
     */
    public void deliver(String uploadId, int delivery) {
        if (closed) {
            throw new JobStoppedException(uploadId);
        }
        Optional<JobClaims.Claim> claim = claims.tryClaim(uploadId);
        if (claim.isEmpty()) {
            return;
        }
        int attempt;
        try (JobClaims.Claim held = claim.get()) {
            attempt = delivery > MediaPipeline.MAX_ATTEMPTS ? giveUp(uploadId) : run(uploadId);
        }
        if (closed) {
            throw new JobStoppedException(uploadId);
        }
        Optional<MediaExtrasJobs.Job> job = jobs.find(uploadId);
        if (job.isPresent() && job.get().queued() && job.get().attempt() > attempt) {
            send(uploadId);
        }
    }

    /** Ends a job whose message came back too often with what is made; returns its attempt (0: no job). */
    private int giveUp(String uploadId) {
        Optional<MediaExtrasJobs.Job> job = jobs.find(uploadId);
        if (job.isEmpty() || !job.get().queued()) {
            return 0;
        }
        int attempt = job.get().attempt();
        LOG.severe(() -> "MP4/storyboard job for upload " + uploadId + " given up: its message came back "
                + MediaPipeline.MAX_ATTEMPTS + " times without the job finishing");
        MediaExtrasJobs.Outcome outcome = new MediaExtrasJobs.Outcome(
                mp4.exists(uploadId) ? DownloadState.READY : DownloadState.ERRORED, storyboards.exists(uploadId));
        if (outcome.download() == DownloadState.ERRORED) {
            failedAt.put(uploadId, clock.instant());
        }
        if (jobs.finish(uploadId, attempt, outcome)) {
            report(uploadId, new MediaExtrasJobs.Job(attempt, outcome));
        }
        return attempt;
    }

    /** One run of the job as recorded now; returns the attempt it ran (0: no job). */
    int run(String uploadId) {
        Optional<MediaExtrasJobs.Job> job = jobs.find(uploadId);
        if (job.isEmpty() || !job.get().queued()) {
            return 0;
        }
        int attempt = job.get().attempt();
        MediaExtrasJobs.Outcome outcome;
        try {
            outcome = make(uploadId);
        } catch (SourceUnavailableException e) {
            if (jobs.find(uploadId).isEmpty()) {
                deleteMade(uploadId); // the video was deleted while this ran
                return attempt;
            }
            LOG.warning(() -> "MP4/storyboard job for upload " + uploadId + " waits: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")") + "; its message comes back later");
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "MP4/storyboard job for upload " + uploadId + " failed", e);
            outcome = new MediaExtrasJobs.Outcome(mp4.exists(uploadId) ? DownloadState.READY : DownloadState.ERRORED,
                    storyboards.exists(uploadId));
        }
        if (closed || Thread.currentThread().isInterrupted()) {
            // The server is stopping: not a failure of the video. The job stays queued and
            // its message is delivered again.
            LOG.info(() -> "MP4/storyboard job for upload " + uploadId + " stopped; it runs again after the restart");
            return attempt;
        }
        if (jobs.find(uploadId).isEmpty()) {
            deleteMade(uploadId); // the video was deleted while this ran: what it renamed into place goes too
            return attempt;
        }
        if (outcome.download() == DownloadState.ERRORED) {
            failedAt.put(uploadId, clock.instant());
        } else {
            failedAt.remove(uploadId);
        }
        if (jobs.finish(uploadId, attempt, outcome)) {
            report(uploadId, new MediaExtrasJobs.Job(attempt, outcome));
        }
        return attempt;
    }

    /** Makes what is missing; a step that fails leaves the other to be made. */
    private MediaExtrasJobs.Outcome make(String uploadId) {
        Path source = sources.apply(uploadId);
        boolean needMp4 = !mp4.exists(uploadId);
        boolean needStoryboard = !storyboards.exists(uploadId);
        if (!needMp4 && !needStoryboard) {
            return new MediaExtrasJobs.Outcome(DownloadState.READY, true);
        }
        if (needMp4) {
            offer(ProviderUpdate.from(provider).upload(UploadId.of(uploadId))
                    .mediaChanged(MediaInventory.empty().withDownload(DownloadState.PREPARING), clock.instant()));
        }
        Optional<MediaProbe.VideoFacts> facts;
        try {
            facts = probe.probe(source);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ffprobe could not be run for the MP4/storyboard of upload " + uploadId, e);
            facts = Optional.empty();
        }
        if (facts.isEmpty()) {
            return new MediaExtrasJobs.Outcome(needMp4 ? DownloadState.ERRORED : DownloadState.READY, !needStoryboard);
        }
        DownloadState download = DownloadState.READY;
        if (needMp4) {
            try {
                mp4.make(uploadId, source, facts.get());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "no MP4 download for upload " + uploadId, e);
                download = DownloadState.ERRORED;
            }
        }
        Double duration = facts.get().durationSeconds();
        boolean timed = duration != null && duration > 0;
        if (needStoryboard && timed && !Thread.currentThread().isInterrupted()) {
            try {
                storyboards.make(uploadId, source, duration);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "no storyboard sprite for upload " + uploadId
                        + "; its storyboard is composed from thumbnails instead", e);
            }
        }
        // Without the sprite the service composes a storyboard from thumbnails (one ffmpeg run
        // per tile, which is why it waits for the sprite first): there is one whenever the
        // duration is known.
        return new MediaExtrasJobs.Outcome(download, !needStoryboard || timed);
    }

    private void deleteMade(String uploadId) {
        try {
            mp4.delete(uploadId);
            storyboards.delete(uploadId);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the MP4 or storyboard of deleted upload " + uploadId + " not removed", e);
        }
    }

    private void report(String uploadId, MediaExtrasJobs.Job job) {
        MediaExtrasJobs.Outcome outcome = job.outcome();
        // No event key: a media change only ever adds (MediaInventory.merge), so one taken twice
        // changes nothing, and a key would make a later attempt's report look like a repeat.
        ProviderUpdate update = ProviderUpdate.from(provider).upload(UploadId.of(uploadId))
                .mediaChanged(MediaInventory.empty().withDownload(outcome.download()).withStoryboard(outcome.storyboard()),
                        clock.instant());
        if (offer(update)) {
            jobs.done(uploadId, job.attempt());
        }
    }

    /** True when the domain took the update; otherwise it is offered again later (or, for a hint, never). */
    private boolean offer(ProviderUpdate update) {
        Consumer<ProviderUpdate> target = updates;
        if (target == null) {
            return false;
        }
        try {
            target.accept(update);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a media change of upload " + update.uploadId() + " was not taken", e);
            return false;
        }
    }
}
