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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the media pipeline makes of a video once it plays: the MP4 download ({@link Mp4Maker})
 * and the storyboard ({@link StoryboardMaker}). The video is ready without them; they follow on
 * the same bounded executor as the HLS work, and the domain hears of them as a media change
 * ({@code download} preparing, then ready or errored; {@code storyboard} true once the sprite
 * is made, or once it failed for a video of known duration: then the service composes one).
 *
 * <p>Jobs are recorded ({@link MediaExtrasJobs}) before they run, so a job queued or running
 * when the server stopped (even one killed in the middle of an MP4) runs again after
 * {@link #resume()}; a run skips what an earlier one finished. A video processed before this
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
    private final Executor executor;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private volatile Consumer<ProviderUpdate> updates;

    public MediaExtras(ProviderName provider, MediaExtrasJobs jobs, Function<String, Path> sources, MediaProbe probe,
                       Mp4Maker mp4, StoryboardMaker storyboards, Executor executor, Clock clock) {
        this.provider = provider;
        this.jobs = jobs;
        this.sources = sources;
        this.probe = probe;
        this.mp4 = mp4;
        this.storyboards = storyboards;
        this.executor = executor;
        this.clock = clock;
    }

    /** Where outcomes go; until connected, they wait in the job files. */
    public void connect(Consumer<ProviderUpdate> updates) {
        this.updates = updates;
    }

    /** Queues the job of a video that just became playable, unless one is recorded. */
    public void start(String uploadId) {
        if (jobs.enqueue(uploadId)) {
            submit(uploadId);
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
        jobs.requeue(uploadId);
        submit(uploadId);
        return DownloadState.PREPARING;
    }

    /** Runs the jobs left queued (e.g. by a stop) and offers outcomes not yet taken. */
    public void resume() {
        for (String uploadId : jobs.all()) {
            Optional<MediaExtrasJobs.Job> job = jobs.find(uploadId);
            if (job.isEmpty()) {
                continue;
            }
            if (job.get().queued()) {
                submit(uploadId);
            } else {
                report(uploadId, job.get());
            }
        }
    }

    /** Forgets an upload's job and removes its MP4 and storyboard (the video was deleted). */
    public void discard(String uploadId) throws IOException {
        jobs.remove(uploadId);
        failedAt.remove(uploadId);
        mp4.delete(uploadId);
        storyboards.delete(uploadId);
    }

    private void submit(String uploadId) {
        if (!inFlight.add(uploadId)) {
            return;
        }
        try {
            executor.execute(() -> {
                int attempt = -1;
                try {
                    attempt = run(uploadId);
                } finally {
                    inFlight.remove(uploadId);
                }
                // Asked for again while this run made an attempt that failed: the next one now.
                Optional<MediaExtrasJobs.Job> job = jobs.find(uploadId);
                if (job.isPresent() && job.get().queued() && job.get().attempt() > attempt) {
                    submit(uploadId);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(uploadId);
            LOG.warning(() -> "MP4/storyboard job for upload " + uploadId + " not accepted now; it runs on the next resume");
        }
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
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "MP4/storyboard job for upload " + uploadId + " failed", e);
            outcome = new MediaExtrasJobs.Outcome(mp4.exists(uploadId) ? DownloadState.READY : DownloadState.ERRORED,
                    storyboards.exists(uploadId));
        }
        if (Thread.currentThread().isInterrupted()) {
            // The server is stopping (its executor interrupts the running task; ffmpeg was
            // stopped): not a failure of the video. The job stays queued and runs after the restart.
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
