package com.yourbit.video.providers.local;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.providers.common.ProviderClock;
import com.yourbit.video.providers.local.objects.ObjectStore;
import com.yourbit.video.providers.local.objects.S3Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The local provider's file store, media tools, media pipeline (with the MP4 downloads and
 * storyboards that follow it) and token signer, built once from settings.
 */
@ApplicationScoped
public class LocalProviderComponents {

    private static final Logger LOG = Logger.getLogger(LocalProviderComponents.class.getName());

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

    /** Downloads of videos from a URL (wildfly-config/server.cli: two at a time, the rest queued). */
    static final String INGEST_EXECUTOR = "java:jboss/ee/concurrency/executor/video-ingest";

    /**
     * The pool of the upload locks' connections, defined with PostgreSQL only
     * (wildfly-config/postgresql.cli): where it exists, the upload lock is the cluster's.
     */
    static final String LOCKS_DATASOURCE = "java:jboss/datasources/VideoLocksDS";

    @Inject
    LocalSettings settings;

    /** The ladder is read for each job, so a change applies to the next one without a restart. */
    @Inject
    LocalSettingsReader settingsReader;

    @Inject
    @ProviderClock
    Clock clock;

    /**
     * Media jobs are messages on the job queue, consumed with bounded concurrency by the
     * domain's message-driven bean (so transcoding never takes every core or a request thread).
     */
    @Inject
    MediaJobQueue mediaJobs;

    @Resource(lookup = THUMBNAIL_EXECUTOR)
    ManagedExecutorService thumbnailExecutor;

    @Resource(lookup = ANIMATED_EXECUTOR)
    ManagedExecutorService animatedExecutor;

    @Resource(lookup = INGEST_EXECUTOR)
    ManagedExecutorService ingestExecutor;

    private PostgresUploadLocks clusterLocks;
    /** The bucket, when the storage is s3; null for files. */
    private ObjectStore objects;
    private Uploads uploads;
    private MediaProbe probe;
    private Thumbnailer thumbnailer;
    private RenderQueue<String, java.nio.file.Path> thumbnailRenders;
    private HlsRenditions hls;
    private MediaPipeline pipeline;
    private MediaTokens tokens;
    private Mp4Maker mp4;
    private StoryboardMaker storyboards;
    private MediaExtras extras;
    private Animator animator;
    private RenderQueue<String, java.nio.file.Path> animatedRenders;
    private UrlDownloads downloads;

    @PostConstruct
    void init() {
        clusterLocks = clusterLocks();
        ClusterUploadLocks cluster = clusterLocks == null ? ClusterUploadLocks.NONE : clusterLocks;
        UploadLocks uploadLocks = new UploadLocks(UploadLocks.RELEASE_WAIT, cluster);
        Path dir = settings.storageDir();
        probe = new MediaProbe(settings.ffprobe());
        MediaJobs jobs;
        MediaExtrasJobs extrasJobs;
        IngestJobs ingestJobs;
        if (settings.s3().isPresent()) {
            // Everything that matters is an object; the storage directory keeps this node's
            // caches (thumbnails, previews, copies of originals) and the scratch of its runs.
            S3Settings s3 = settings.s3().get();
            objects = ObjectStore.connect(s3);
            checkBucket(s3);
            Path scratch = dir.resolve("scratch");
            uploads = new S3UploadStore(objects, "uploads/", scratch, settings.maxSize(),
                    s3.minPartSize(), settings.originalCacheBytes(), clock, uploadLocks);
            hls = new S3HlsRenditions(objects, "hls/", scratch.resolve("hls"));
            jobs = new MediaJobs(JobRecords.in(objects, "jobs/"), new ClusterJobClaims(cluster, "media"));
            extrasJobs = new MediaExtrasJobs(JobRecords.in(objects, "extras-jobs/"), new ClusterJobClaims(cluster, "extras"));
            ingestJobs = new IngestJobs(JobRecords.in(objects, "ingests/"));
            mp4 = new S3Mp4Maker(settings.ffmpeg(), scratch.resolve("downloads"), objects, "downloads/");
            storyboards = new S3StoryboardMaker(settings.ffmpeg(), probe, scratch.resolve("storyboards"), objects, "storyboards/");
            tokens = new MediaTokens(SigningKeyLoader.load(settings.signingJwk(), objects, "keys/media-signing.jwk"), clock);
        } else {
            uploads = new FileUploadStore(dir.resolve("uploads"), settings.maxSize(), clock, uploadLocks);
            hls = new HlsRenditions(dir.resolve("hls"));
            jobs = new MediaJobs(dir.resolve("jobs"));
            extrasJobs = new MediaExtrasJobs(dir.resolve("extras-jobs"));
            ingestJobs = new IngestJobs(dir.resolve("ingests"));
            mp4 = new Mp4Maker(settings.ffmpeg(), dir.resolve("downloads"));
            storyboards = new StoryboardMaker(settings.ffmpeg(), probe, dir.resolve("storyboards"));
            tokens = new MediaTokens(SigningKeyLoader.load(settings.signingJwk(), dir), clock);
        }
        thumbnailer = new Thumbnailer(settings.ffmpeg(), dir.resolve("thumbnails"), settings.thumbnailCacheBytes());
        thumbnailRenders = new RenderQueue<>(thumbnailExecutor, THUMBNAILS_RETRY_AFTER);
        pipeline = new MediaPipeline(ProviderName.of(LocalVideoProvider.NAME), jobs, uploads::data, probe, hls,
                new LadderEncoder(settings.ffmpeg()), new RenditionMeter(settings.ffprobe()), thumbnailer,
                settingsReader::ladder, mediaJobs.sender(MediaJobQueue.MEDIA), clock);
        try {
            settingsReader.ladder();
        } catch (IllegalArgumentException e) {
            LOG.severe(() -> "media jobs wait until the ladder settings are fixed: " + e.getMessage());
        }
        extras = new MediaExtras(ProviderName.of(LocalVideoProvider.NAME), extrasJobs, uploads::data, probe, mp4, storyboards,
                mediaJobs.sender(MediaJobQueue.EXTRAS), clock);
        pipeline.followWith(extras);
        animator = new Animator(settings.ffmpeg(), dir.resolve("animated"), settings.animatedCacheBytes());
        animatedRenders = new RenderQueue<>(animatedExecutor, ANIMATED_RETRY_AFTER);
        downloads = new UrlDownloads(ProviderName.of(LocalVideoProvider.NAME), ingestJobs,
                uploads, settingsReader::ingestPolicy, id -> LocalUploadStore.complete(uploads, pipeline, id, clock),
                ingestExecutor, clock, new UrlDownloads.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofSeconds(1), settings.slowUploads().window(), settings.slowUploads().minBytes()));
    }

    /** Said at start, not at the first upload; the service still starts (the store may be back soon). */
    private void checkBucket(S3Settings s3) {
        try {
            objects.checkBucket();
            LOG.info(() -> "uploads and media are kept in bucket " + s3.bucket()
                    + s3.endpoint().map(e -> " at " + e).orElse("") + (s3.prefix().isEmpty() ? "" : " under " + s3.prefix()));
        } catch (IOException e) {
            LOG.severe(() -> "the bucket of the local provider cannot be used now: " + e.getMessage());
        }
    }

    /** The shared upload lock where its pool exists, else null (one node: the JVM's lock). */
    private static PostgresUploadLocks clusterLocks() {
        try {
            DataSource pool = InitialContext.doLookup(LOCKS_DATASOURCE);
            LOG.info("upload locks are shared by the nodes of the database (PostgreSQL advisory locks, " + LOCKS_DATASOURCE + ")");
            return new PostgresUploadLocks(pool);
        } catch (NameNotFoundException single) {
            LOG.info("upload locks are this node's (no " + LOCKS_DATASOURCE + "); nodes sharing the storage need PostgreSQL");
            return null;
        } catch (NamingException e) {
            throw new IllegalStateException("the upload locks' datasource could not be looked up", e);
        }
    }

    /**
     * Ends the media jobs' ffmpeg processes; their messages are delivered again (after the
     * restart, or by another node).
     */
    @PreDestroy
    void stop() {
        // What still works on uploads first, then the locks and the store it uses.
        if (downloads != null) {
            downloads.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (extras != null) {
            extras.close();
        }
        if (clusterLocks != null) {
            clusterLocks.close();
        }
        if (objects != null) {
            objects.close();
        }
    }

    Uploads uploads() {
        return uploads;
    }

    /** Who holds which upload, and the bodies being read (to stop slow writers). */
    UploadLocks uploadLocks() {
        return uploads.locks();
    }

    /** Downloads of videos from a URL into the upload store. */
    UrlDownloads downloads() {
        return downloads;
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

    HlsRenditions hls() {
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
