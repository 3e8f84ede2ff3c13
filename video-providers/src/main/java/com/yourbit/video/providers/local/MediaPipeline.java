package com.yourbit.video.providers.local;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
 * Turns a complete upload into something playable, in the background: ffprobe (not a
 * video: errored), then the HLS rendition and the default thumbnail, then one update
 * (ready with duration and aspect ratio, or errored with a reason) to the domain.
 *
 * <p>Jobs run on the executor it is given (a bounded managed executor in the server) and
 * are recorded in {@link MediaJobs} first, so a job queued or running when the server
 * stopped runs again after {@link #resume()}; an outcome the domain could not take yet is
 * offered again on the next {@link #resume()}.
 */
public class MediaPipeline {

    private static final Logger LOG = Logger.getLogger(MediaPipeline.class.getName());
    static final String NOT_A_VIDEO = "the uploaded file is not a video that this service can read";

    private final ProviderName provider;
    private final MediaJobs jobs;
    private final Function<String, Path> sources;
    private final MediaProbe probe;
    private final HlsPackager hls;
    private final Thumbnailer thumbnailer;
    private final Executor executor;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Consumer<ProviderUpdate> updates;
    private volatile MediaExtras extras;

    public MediaPipeline(ProviderName provider, MediaJobs jobs, Function<String, Path> sources, MediaProbe probe,
                         HlsPackager hls, Thumbnailer thumbnailer, Executor executor, Clock clock) {
        this.provider = provider;
        this.jobs = jobs;
        this.sources = sources;
        this.probe = probe;
        this.hls = hls;
        this.thumbnailer = thumbnailer;
        this.executor = executor;
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
            submit(uploadId);
        }
    }

    /** Runs the jobs left queued (e.g. by a stop) and offers outcomes not yet taken. */
    public void resume() {
        for (String uploadId : jobs.all()) {
            Optional<MediaJobs.Outcome> outcome = jobs.outcome(uploadId);
            if (outcome.isPresent()) {
                report(uploadId, outcome.get());
            } else {
                submit(uploadId);
            }
        }
        if (extras != null) {
            extras.resume();
        }
    }

    /** Forgets an upload's job and rendition (the video was deleted). */
    public void discard(String uploadId) throws IOException {
        jobs.remove(uploadId);
        hls.delete(uploadId);
        if (extras != null) {
            extras.discard(uploadId);
        }
    }

    private void submit(String uploadId) {
        if (!inFlight.add(uploadId)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    run(uploadId);
                } finally {
                    inFlight.remove(uploadId);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(uploadId);
            LOG.warning(() -> "media job for upload " + uploadId + " not accepted now; it runs on the next resume");
        }
    }

    /** One job, start to end. */
    void run(String uploadId) {
        MediaJobs.Outcome outcome;
        try {
            outcome = process(uploadId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "media job for upload " + uploadId + " failed", e);
            outcome = new MediaJobs.Outcome(false, null, null, "the video could not be processed");
        }
        if (!jobs.all().contains(uploadId)) {
            return; // the video was deleted while its job ran
        }
        jobs.finish(uploadId, outcome);
        report(uploadId, outcome);
    }

    private MediaJobs.Outcome process(String uploadId) {
        Path source = sources.apply(uploadId);
        Optional<MediaProbe.VideoFacts> facts;
        try {
            facts = probe.probe(source);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "ffprobe could not be run for upload " + uploadId, e);
            return new MediaJobs.Outcome(false, null, null, "the video could not be processed");
        }
        if (facts.isEmpty()) {
            return new MediaJobs.Outcome(false, null, null, NOT_A_VIDEO);
        }
        MediaProbe.VideoFacts video = facts.get();
        try {
            hls.packageVideo(uploadId, source, video);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "no HLS rendition for upload " + uploadId, e);
            return new MediaJobs.Outcome(false, null, null, "the video could not be converted for streaming");
        }
        try {
            double middle = video.durationSeconds() == null ? 0 : video.durationSeconds() / 2;
            thumbnailer.render(uploadId, source, middle, ThumbnailSpec.defaults());
        } catch (IOException e) {
            // The thumbnail is rendered again on request; the video is playable without it.
            LOG.log(Level.INFO, "default thumbnail of upload " + uploadId + " not rendered", e);
        }
        if (extras != null) {
            // Recorded before this job's outcome: a stop in between loses neither.
            extras.start(uploadId);
        }
        return new MediaJobs.Outcome(true, video.durationSeconds(), video.aspectRatio(), null);
    }

    private void report(String uploadId, MediaJobs.Outcome outcome) {
        Consumer<ProviderUpdate> target = updates;
        if (target == null) {
            return;
        }
        ProviderUpdate.Builder about = ProviderUpdate.from(provider).event(EventKey.of("media-processed:" + uploadId))
                .upload(UploadId.of(uploadId));
        ProviderUpdate update;
        if (outcome.ready()) {
            // The local asset is known by its playback id.
            String playbackId = LocalUploadStore.playbackId(uploadId);
            update = about.ready(new ReadyDetails(AssetId.of(playbackId), PlaybackId.of(playbackId),
                    null, null, outcome.durationSeconds(), outcome.aspectRatio()), clock.instant());
        } else {
            update = about.errored(outcome.errorReason(), clock.instant());
        }
        try {
            target.accept(update);
            jobs.remove(uploadId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the outcome of upload " + uploadId + " was not taken; offered again later", e);
        }
    }
}
