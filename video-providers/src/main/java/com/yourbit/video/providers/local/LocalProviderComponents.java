package com.yourbit.video.providers.local;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.providers.common.ProviderClock;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

/**
 * The local provider's file store, media tools, media pipeline (with the MP4 downloads and
 * storyboards that follow it) and token signer, built once from settings.
 */
@ApplicationScoped
public class LocalProviderComponents {

    /**
     * A managed executor of its own (wildfly-config/server.cli), so that transcoding is
     * bounded (one job per thread, the rest queued) and never starves request threads.
     */
    static final String MEDIA_EXECUTOR = "java:jboss/ee/concurrency/executor/video-media";
    /**
     * Thumbnails rendered on request: a managed executor with few threads and a short queue
     * that refuses when full (wildfly-config/server.cli), so a flood of requests runs a bounded
     * number of ffmpeg processes and the rest are told 503 at once instead of waiting.
     */
    static final String THUMBNAIL_EXECUTOR = "java:jboss/ee/concurrency/executor/video-thumbnails";
    /** About how long a queue of thumbnails takes to drain. */
    static final Duration THUMBNAILS_RETRY_AFTER = Duration.ofSeconds(5);
    /**
     * Animated previews rendered on request: an executor of their own (wildfly-config/server.cli:
     * one thread, a short queue, refusing when full), not the thumbnails'. A preview is up to
     * 300 frames and two ffmpeg passes, seconds of work where a thumbnail takes a fraction of
     * one: sharing would let a few previews hold every thumbnail slot (a page of posters or a
     * composed storyboard) and answer those 503.
     */
    static final String ANIMATED_EXECUTOR = "java:jboss/ee/concurrency/executor/video-animated";
    /** About how long a queue of animated previews takes to drain. */
    static final Duration ANIMATED_RETRY_AFTER = Duration.ofSeconds(10);

    @Inject
    LocalSettings settings;

    @Inject
    @ProviderClock
    Clock clock;

    @Resource(lookup = MEDIA_EXECUTOR)
    ManagedExecutorService mediaExecutor;

    @Resource(lookup = THUMBNAIL_EXECUTOR)
    ManagedExecutorService thumbnailExecutor;

    @Resource(lookup = ANIMATED_EXECUTOR)
    ManagedExecutorService animatedExecutor;

    private FileUploadStore uploads;
    private MediaProbe probe;
    private Thumbnailer thumbnailer;
    private RenderQueue<String, java.nio.file.Path> thumbnailRenders;
    private HlsPackager hls;
    private MediaPipeline pipeline;
    private MediaTokens tokens;
    private Mp4Maker mp4;
    private StoryboardMaker storyboards;
    private MediaExtras extras;
    private Animator animator;
    private RenderQueue<String, java.nio.file.Path> animatedRenders;

    @PostConstruct
    void init() {
        uploads = new FileUploadStore(settings.storageDir().resolve("uploads"), settings.maxSize(), clock);
        probe = new MediaProbe(settings.ffprobe());
        thumbnailer = new Thumbnailer(settings.ffmpeg(), settings.storageDir().resolve("thumbnails"),
                settings.thumbnailCacheBytes());
        thumbnailRenders = new RenderQueue<>(thumbnailExecutor, THUMBNAILS_RETRY_AFTER);
        hls = new HlsPackager(settings.ffmpeg(), settings.storageDir().resolve("hls"));
        pipeline = new MediaPipeline(ProviderName.of(LocalVideoProvider.NAME),
                new MediaJobs(settings.storageDir().resolve("jobs")), uploads::data, probe, hls, thumbnailer,
                mediaExecutor, clock);
        tokens = new MediaTokens(SigningKeyLoader.load(settings.signingJwk(), settings.storageDir()), clock);
        mp4 = new Mp4Maker(settings.ffmpeg(), settings.storageDir().resolve("downloads"));
        storyboards = new StoryboardMaker(settings.ffmpeg(), probe, settings.storageDir().resolve("storyboards"));
        extras = new MediaExtras(ProviderName.of(LocalVideoProvider.NAME),
                new MediaExtrasJobs(settings.storageDir().resolve("extras-jobs")), uploads::data, probe, mp4, storyboards,
                mediaExecutor, clock);
        pipeline.followWith(extras);
        animator = new Animator(settings.ffmpeg(), settings.storageDir().resolve("animated"), settings.animatedCacheBytes());
        animatedRenders = new RenderQueue<>(animatedExecutor, ANIMATED_RETRY_AFTER);
    }

    FileUploadStore uploads() {
        return uploads;
    }

    /** Who holds which upload, and the bodies being read (to stop slow writers). */
    UploadLocks uploadLocks() {
        return uploads.locks();
    }

    MediaProbe probe() {
        return probe;
    }

    Thumbnailer thumbnailer() {
        return thumbnailer;
    }

    RenderQueue<String, java.nio.file.Path> thumbnailRenders() {
        return thumbnailRenders;
    }

    HlsPackager hls() {
        return hls;
    }

    MediaPipeline pipeline() {
        return pipeline;
    }

    MediaTokens tokens() {
        return tokens;
    }

    Mp4Maker mp4() {
        return mp4;
    }

    StoryboardMaker storyboards() {
        return storyboards;
    }

    /** The MP4 downloads and storyboards that follow the pipeline's HLS work. */
    MediaExtras extras() {
        return extras;
    }

    Animator animator() {
        return animator;
    }

    RenderQueue<String, java.nio.file.Path> animatedRenders() {
        return animatedRenders;
    }
}
