package com.yourbit.video.providers.local;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.util.StripedLocks;
import com.yourbit.video.providers.local.MediaJobs.Job;
import com.yourbit.video.providers.local.MediaJobs.Outcome;
import com.yourbit.video.providers.local.MediaJobs.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a complete upload into an adaptive HLS stream, in the background, in {@link Stage}s:
 * <ol>
 * <li>{@link Stage#FIRST_RENDITION}: ffprobe (not a video: errored), the smallest rung of the
 * {@link LadderPlan} alone, the master playlist listing it; then the video is reported ready,
 * with that rendition;</li>
 * <li>{@link Stage#LADDER}, queued behind the jobs waiting meanwhile (so a long video's ladder
 * does not hold back other videos' first renditions): the default thumbnail (until then it is
 * rendered on request), then the other rungs, all in one ffmpeg run; they join the master
 * playlist when they are made, and the domain hears of them in one media update.</li>
 * </ol>
 * What follows the HLS work, the MP4 download and the storyboard ({@link MediaExtras}, jobs of
 * their own with their own reports), is queued at the start of the ladder stage.
 * Why this split: the first rendition is the quickest to make, so a video plays soonest;
 * encoding the rest in one process decodes the source once instead of once per rung
 * (docs/LOCAL-PROVIDER.md, docs/BENCHMARKS.md).
 *
 * <p>Jobs are recorded in {@link MediaJobs} first, then queued as a message ({@link JobSender},
 * in the server a durable queue consumed with bounded concurrency); each delivery of the
 * message runs the job's next stage ({@link #deliver}) and queues the one after. Deliveries are
 * idempotent: one runs what the job file says is left, keeping the rungs already made, and
 * what a dead run's ffmpeg left in its scratch directory is never put in place. A job is
 * claimed ({@link JobClaims}) while a delivery runs it, so a second message for it (a
 * redelivery, or the one {@link #resume()} sends at the start) never runs it twice at once,
 * on this node or another sharing the storage directory. A message delivered more than
 * {@link #MAX_ATTEMPTS} times (its runs died with their node, or threw) ends the stage as a
 * media failure would. An outcome the domain could not take yet is offered again by
 * {@link #sweep()}.
 */
public class MediaPipeline {

    private static final Logger LOG = Logger.getLogger(MediaPipeline.class.getName());
    static final String NOT_A_VIDEO = "the uploaded file is not a video that this service can read";
    static final String NOT_PROCESSED = "the video could not be processed";
    static final String NOT_CONVERTED = "the video could not be converted for streaming";
    /**
     * Deliveries of one message that run its stage; the next one gives the stage up. A
     * delivery comes back when its node died in the middle (a crash, an ffmpeg that takes the
     * node down) or it threw: a job that does so every time must not loop forever.
     */
    static final int MAX_ATTEMPTS = 3;
    /** How long a job waits for the ladder settings to be fixed before it looks again. */
    static final Duration SETTINGS_RETRY = Duration.ofSeconds(30);

    /** What follows a delivery. */
    enum Next {
        /** Nothing: the job is done, removed, or given up. */
        NONE,
        /** The job's next stage, queued behind what waits meanwhile. */
        STAGE,
        /** The same stage, later (the settings are wrong). */
        LATER
    }

    private final ProviderName provider;
    private final MediaJobs jobs;
    private final Function<String, Path> sources;
    private final MediaProbe probe;
    private final HlsRenditions hls;
    private final LadderEncoder encoder;
    private final RenditionMeter meter;
    private final Thumbnailer thumbnailer;
    private final Supplier<LadderSettings> ladder;
    private final JobSender sender;
    private final JobClaims claims;
    private final Clock clock;
    /** Jobs whose message could not be sent (the broker unreachable): the sweep sends them. */
    private final Set<String> unsent = ConcurrentHashMap.newKeySet();
    /**
     * One held while an upload's files are put in place or removed: a deleted video's files
     * stay deleted. Striped by upload, as removing them can take seconds (on S3, a request per
     * object) and must hold up no other video's media.
     */
    private final StripedLocks files = new StripedLocks(64);
    private volatile Consumer<ProviderUpdate> updates;
    private volatile boolean closed;
    private volatile MediaExtras extras;

    public MediaPipeline(ProviderName provider, MediaJobs jobs, Function<String, Path> sources, MediaProbe probe,
                         HlsRenditions hls, LadderEncoder encoder, RenditionMeter meter, Thumbnailer thumbnailer,
                         Supplier<LadderSettings> ladder, JobSender sender, Clock clock) {
        this.provider = provider;
        this.jobs = jobs;
        this.sources = sources;
        this.probe = probe;
        this.hls = hls;
        this.encoder = encoder;
        this.meter = meter;
        this.thumbnailer = thumbnailer;
        this.ladder = ladder;
        this.sender = sender;
        this.claims = jobs.claims();
        this.clock = clock;
    }

    /** Where outcomes go; until connected, they wait in the job files. */
    public void connect(Consumer<ProviderUpdate> updates) {
        this.updates = updates;
    }

    /** What follows once a video plays: its MP4 download and storyboard, as jobs of their own. */
    public void followWith(MediaExtras extras) {
        this.extras = extras;
    }

    /** Queues the job of a complete upload unless it is already queued or done. */
    public void start(String uploadId) {
        if (jobs.enqueue(uploadId)) {
            send(uploadId, Duration.ZERO);
        }
    }

    /**
     * At the start: offers outcomes not yet taken and queues what jobs have left to do. A job
     * recorded without a message (a crash between the two, a job from before the queue) gets
     * one; a job whose message is still queued gets a second, which its claim and its stage
     * make harmless.
     */
    public void resume() {
        for (String uploadId : jobs.all()) {
            report(uploadId);
            Optional<Job> job = jobs.job(uploadId);
            if (job.isPresent() && job.get().stage() != Stage.DONE) {
                send(uploadId, Duration.ZERO);
            }
        }
        if (extras != null) {
            extras.resume();
        }
    }

    /** The periodic sweep: outcomes not yet taken are offered again, jobs not sent are sent. */
    public void sweep() {
        for (String uploadId : jobs.all()) {
            report(uploadId);
        }
        for (String uploadId : List.copyOf(unsent)) {
            unsent.remove(uploadId);
            if (jobs.exists(uploadId)) {
                send(uploadId, Duration.ZERO);
            }
        }
        if (extras != null) {
            extras.sweep();
        }
    }

    /**
     * One delivery of a job's message: runs the job's next stage, unless another run holds
     * the job (that run queues the next stage itself, or dies and its own message comes back).
     * The next stage is queued once the claim is released, so its message finds the job free.
     *
     * @param delivery the message's delivery count, from 1
     * @throws JobStoppedException when the application stopped during the run: the message is
     *         to be delivered again (after the restart, or by another node)
     */
    public void deliver(String uploadId, int delivery) {
        if (closed) {
            throw new JobStoppedException(uploadId);
        }
        Optional<JobClaims.Claim> claim = claims.tryClaim(uploadId);
        if (claim.isEmpty()) {
            LOG.fine(() -> "media job for upload " + uploadId + " runs elsewhere; this delivery is not needed");
            return;
        }
        Next next;
        try (JobClaims.Claim held = claim.get()) {
            next = run(uploadId, delivery > MAX_ATTEMPTS);
        }
        if (closed) {
            throw new JobStoppedException(uploadId);
        }
        switch (next) {
            case STAGE -> send(uploadId, Duration.ZERO);
            case LATER -> send(uploadId, SETTINGS_RETRY);
            case NONE -> { }
        }
    }

    /**
     * Forgets an upload's job and removes its renditions (the video was deleted); its ffmpeg,
     * if one runs, is stopped, and nothing it made afterwards is put in place.
     */
    public void discard(String uploadId) throws IOException {
        unsent.remove(uploadId);
        synchronized (filesOf(uploadId)) {
            jobs.remove(uploadId);
            encoder.stop(uploadId);
            hls.delete(uploadId);
        }
        if (extras != null) {
            extras.discard(uploadId);
        }
    }

    /**
     * The application stops: running ffmpeg processes are ended (no orphan keeps the CPU
     * busy) and what they were doing is not recorded, so those jobs run their stage again at
     * the next start; nothing more is started.
     */
    public void close() {
        closed = true;
        encoder.stopAll();
    }

    private void send(String uploadId, Duration delay) {
        try {
            sender.send(uploadId, delay);
        } catch (RuntimeException e) {
            unsent.add(uploadId);
            LOG.warning(() -> "media job for upload " + uploadId + " not queued now (" + e.getMessage() + "); the sweep sends it");
        }
    }

    /**
     * Runs the job's next stage, or gives it up: the first rendition as a video that could not
     * be processed, the ladder with the renditions made so far.
     */
    private Next run(String uploadId, boolean giveUp) {
        Optional<Job> found = jobs.job(uploadId);
        if (found.isEmpty() || found.get().stage() == Stage.DONE) {
            return Next.NONE;
        }
        Job job = found.get();
        if (giveUp) {
            LOG.severe(() -> "media job for upload " + uploadId + " given up in " + job.stage() + ": its message came back "
                    + MAX_ATTEMPTS + " times without the stage finishing");
            return finish(uploadId, job.stage() == Stage.FIRST_RENDITION ? errored(NOT_PROCESSED) : job.next(Stage.DONE));
        }
        LadderSettings settings;
        try {
            settings = ladder.get();
        } catch (RuntimeException e) {
            // Not the video's fault: it waits until the settings are fixed.
            LOG.severe(() -> "media job for upload " + uploadId + " waits: " + e.getMessage());
            return Next.LATER;
        }
        Job next;
        try {
            next = switch (job.stage()) {
                case FIRST_RENDITION -> firstRendition(uploadId, settings);
                case LADDER -> restOfLadder(uploadId, job, settings);
                case DONE -> job;
            };
        } catch (SourceUnavailableException e) {
            if (!jobs.exists(uploadId)) {
                return Next.NONE; // the video was deleted while this stage ran
            }
            LOG.warning(() -> "media job for upload " + uploadId + " waits in " + job.stage() + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")") + "; its message comes back later");
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "media job for upload " + uploadId + " failed in " + job.stage(), e);
            next = job.stage() == Stage.FIRST_RENDITION ? errored(NOT_PROCESSED) : job.next(Stage.DONE);
        }
        if (closed || Thread.currentThread().isInterrupted()) {
            // Stopped with the application (close() stopped ffmpeg): not done, not failed; the
            // message is delivered again and runs this stage again.
            LOG.info(() -> "media job for upload " + uploadId + " stopped in " + job.stage() + "; it runs again after the restart");
            return Next.NONE;
        }
        return finish(uploadId, next);
    }

    private Next finish(String uploadId, Job next) {
        if (!jobs.update(uploadId, next)) {
            forget(uploadId); // the video was deleted while this stage ran
            return Next.NONE;
        }
        report(uploadId);
        return next.stage() != Stage.DONE ? Next.STAGE : Next.NONE;
    }

    private Job firstRendition(String uploadId, LadderSettings settings) {
        Path source = sources.apply(uploadId);
        Optional<MediaProbe.VideoFacts> facts;
        try {
            facts = probe.probe(source);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "ffprobe could not be run for upload " + uploadId, e);
            return errored(NOT_PROCESSED);
        }
        if (facts.isEmpty()) {
            return errored(NOT_A_VIDEO);
        }
        MediaProbe.VideoFacts video = facts.get();
        LadderPlan plan = LadderPlan.of(video, settings);
        try {
            encode(uploadId, source, video, plan, List.of(plan.first()), settings);
            publish(uploadId);
        } catch (IOException e) {
            logFailure(uploadId, "no HLS rendition for upload " + uploadId, e);
            return errored(NOT_CONVERTED);
        }
        return new Job(Stage.LADDER, new Outcome(true, video.durationSeconds(), video.aspectRatio(), null), false);
    }

    /**
     * The MP4 download and storyboard queued, the default thumbnail and the rungs not made
     * yet. The video stays ready whatever happens here; at worst with fewer renditions, or its
     * thumbnail rendered on request.
     */
    private Job restOfLadder(String uploadId, Job job, LadderSettings settings) {
        Path source = sources.apply(uploadId);
        if (extras != null) {
            // Recorded before this stage's outcome, so a stop in between loses neither; queued
            // behind this stage's message, so with one job at a time the ladder comes first.
            extras.start(uploadId);
        }
        try {
            double middle = job.outcome().durationSeconds() == null ? 0 : job.outcome().durationSeconds() / 2;
            thumbnailer.render(uploadId, source, middle, ThumbnailSpec.defaults());
        } catch (IOException e) {
            LOG.log(Level.INFO, "default thumbnail of upload " + uploadId + " not rendered", e);
        }
        try {
            Optional<MediaProbe.VideoFacts> facts = probe.probe(source);
            if (facts.isPresent()) {
                LadderPlan plan = LadderPlan.of(facts.get(), settings);
                encode(uploadId, source, facts.get(), plan, plan.rungs(), settings);
            }
        } catch (IOException e) {
            logFailure(uploadId, "the ladder of upload " + uploadId + " stays at the renditions made so far", e);
        }
        try {
            publish(uploadId);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the master playlist of upload " + uploadId + " was not rewritten", e);
        }
        return job.next(Stage.DONE);
    }

    /** Encodes the rungs not made yet in one run, measures each and puts it in place. */
    private void encode(String uploadId, Path source, MediaProbe.VideoFacts video, LadderPlan plan,
                        List<LadderPlan.PlannedRung> rungs, LadderSettings settings) throws IOException {
        List<LadderPlan.PlannedRung> missing = rungs.stream().filter(r -> !hls.isFinished(uploadId, r.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        Path run = hls.newRun(uploadId);
        try {
            encoder.encode(uploadId, source, plan, missing, video.durationSeconds(), settings, run);
            for (LadderPlan.PlannedRung rung : missing) {
                Path built = run.resolve(rung.name());
                meter.measure(built, rung.name()).store(built.resolve(HlsRenditions.MEASURED));
                synchronized (filesOf(uploadId)) {
                    if (!jobs.exists(uploadId)) {
                        return;
                    }
                    hls.commit(uploadId, built, rung.name());
                }
            }
        } finally {
            hls.endRuns(uploadId);
        }
    }

    /** A master playlist listing every rung made so far. */
    private void publish(String uploadId) throws IOException {
        synchronized (filesOf(uploadId)) {
            List<MeasuredRendition> finished = hls.finished(uploadId);
            if (jobs.exists(uploadId) && !finished.isEmpty()) {
                hls.writeMaster(uploadId, finished);
            }
        }
    }

    /** Removes what a stage made after its video was deleted (e.g. the default thumbnail). */
    private void forget(String uploadId) {
        try {
            synchronized (filesOf(uploadId)) {
                hls.delete(uploadId);
            }
            thumbnailer.evict(uploadId);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "files of the deleted upload " + uploadId + " not removed", e);
        }
    }

    private Object filesOf(String uploadId) {
        return files.of(uploadId);
    }

    private void logFailure(String uploadId, String message, IOException e) {
        // A deleted video's ffmpeg is stopped on purpose: nothing to report.
        LOG.log(jobs.exists(uploadId) ? Level.WARNING : Level.FINE, message, e);
    }

    private static Job errored(String reason) {
        return new Job(Stage.DONE, new Outcome(false, null, null, reason), false);
    }

    /**
     * Offers the domain what it has not taken: the outcome (ready, with the renditions made so
     * far, or errored), then, once the ladder is done, the renditions added since. The job is
     * deleted when nothing is left to do or to offer.
     */
    private void report(String uploadId) {
        Consumer<ProviderUpdate> target = updates;
        Optional<Job> found = jobs.job(uploadId);
        if (target == null || found.isEmpty() || found.get().outcome() == null) {
            return;
        }
        Job job = found.get();
        try {
            if (!job.outcomeTaken()) {
                target.accept(outcomeUpdate(uploadId, job.outcome()));
                if (job.stage() == Stage.DONE) {
                    jobs.remove(uploadId); // the ready update carried every rendition
                } else {
                    jobs.markTaken(uploadId);
                }
            } else if (job.stage() == Stage.DONE) {
                if (job.outcome().ready()) {
                    target.accept(ProviderUpdate.from(provider).event(EventKey.of("media-ladder:" + uploadId))
                            .upload(UploadId.of(uploadId)).mediaChanged(inventory(uploadId), clock.instant()));
                }
                jobs.remove(uploadId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an update about upload " + uploadId + " was not taken; offered again later", e);
        }
    }

    private ProviderUpdate outcomeUpdate(String uploadId, Outcome outcome) {
        ProviderUpdate.Builder about = ProviderUpdate.from(provider).event(EventKey.of("media-processed:" + uploadId))
                .upload(UploadId.of(uploadId));
        if (!outcome.ready()) {
            return about.errored(outcome.errorReason(), clock.instant());
        }
        // The local asset is known by its playback id.
        String playbackId = LocalUploadStore.playbackId(uploadId);
        return about.media(inventory(uploadId)).ready(new ReadyDetails(AssetId.of(playbackId), PlaybackId.of(playbackId),
                null, null, outcome.durationSeconds(), outcome.aspectRatio()), clock.instant());
    }

    /** The renditions made so far, as the video's JSON lists them. */
    MediaInventory inventory(String uploadId) {
        try {
            return MediaInventory.of(hls.finished(uploadId).stream().map(MeasuredRendition::rendition).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("the renditions of upload " + uploadId + " could not be read", e);
        }
    }
}
