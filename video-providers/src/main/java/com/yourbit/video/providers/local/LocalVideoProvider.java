package com.yourbit.video.providers.local;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.IngestRequest;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.NamedProvider;
import com.yourbit.video.api.PlaybackSigner;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.QueuedJobRunner;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.RenditionSigner;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UpdateReporter;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.UrlIngest;
import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.api.captions.CaptionTrack;
import com.yourbit.video.api.captions.CaptionTracks;
import com.yourbit.video.api.captions.LanguageTag;
import com.yourbit.video.api.captions.TrackAdded;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaGrant;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.providers.common.ProviderClock;
import com.yourbit.video.providers.common.UploadTokens;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provider that needs no account: the upload URL points at this service's tus endpoint,
 * bound to one video by an unguessable token (256 random bits), and playback URLs point at
 * this service's {@code /media} with a short-lived signed token.
 */
@ApplicationScoped
@NamedProvider(LocalVideoProvider.NAME)
public class LocalVideoProvider implements VideoProvider, PlaybackSigner, RenditionSigner, UploadDisposal, StatusLookup,
        UpdateReporter, UrlIngest, CaptionTracks, QueuedJobRunner {

    private static final Logger LOG = Logger.getLogger(LocalVideoProvider.class.getName());

    public static final String NAME = "local";
    private static final ProviderName PROVIDER = ProviderName.of(NAME);

    @Inject
    LocalSettingsReader settings;

    @Inject
    LocalProviderComponents storage;

    @Inject
    LocalUploadStore uploads;

    @Inject
    LocalMediaUrls mediaUrls;

    @Inject
    @ProviderClock
    Clock clock;

    /** WildFly's default managed scheduler: runs the sweep on managed threads. */
    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean connected = new AtomicBoolean();
    private volatile ScheduledFuture<?> sweep;
    private volatile ScheduledFuture<?> slowUploads;
    private volatile ScheduledFuture<?> stopRequests;

    @Override
    public ProviderName name() {
        return PROVIDER;
    }

    /** The media key is read once per deployment (LocalProviderComponents); its thumbprint names it. */
    @Override
    public String signingKeyVersion() {
        return storage.tokens().keyVersion();
    }

    @Override
    public boolean isConfigured() {
        return true;
    }

    @Override
    public List<String> secretNames() {
        return List.of(LocalSettings.SIGNING_KEY_SECRET);
    }

    @Override
    public DirectUpload createUpload(UploadRequest request) {
        LocalSettings current = settings.current();
        String token = UploadTokens.next();
        return new DirectUpload(UploadId.of(token), current.resolve("/uploads/" + token), UploadProtocol.TUS,
                clock.instant().plus(current.uploadTimeout()));
    }

    /**
     * This server downloads the file ({@link UrlDownloads}) into an upload of its own, under a
     * fresh id that no client can write to ({@link UploadStore#isServerFilled}); from the last byte on it is an
     * upload like any other. The upload expires after {@code video.ingest.timeout}.
     */
    @Override
    public IngestStarted ingest(IngestRequest request) {
        String token = UploadStore.SERVER_FILLED_PREFIX + UploadTokens.next();
        storage.downloads().record(token, request.source(), clock.instant().plus(settings.ingestTimeout()));
        return new IngestStarted(UploadId.of(token), null);
    }

    /** The download starts once the video is stored: its reports always find it. */
    @Override
    public void begin(IngestStarted started) {
        storage.downloads().begin(started.uploadId().value());
    }

    @Override
    public SignedUrl playbackUrl(VideoRef video, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        String videoId = video.videoId().value();
        String token = storage.tokens().sign(videoId, MediaGrant.PLAYBACK, null, expiresAt);
        // An HLS playlist, as Mux's playback URLs are; its segment URLs carry the same token.
        return new SignedUrl(settings.current().resolve("/media/" + videoId + "/" + HostedMedia.PLAYLIST + "?token=" + token),
                expiresAt);
    }

    @Override
    public SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        String videoId = video.videoId().value();
        String token = storage.tokens().sign(videoId, MediaGrant.THUMBNAIL, spec, expiresAt);
        return new SignedUrl(settings.current().resolve("/media/" + videoId + "/thumbnail.jpg?token=" + token), expiresAt);
    }

    /**
     * The pipeline makes every video's MP4 after its HLS work; until it is there, this makes
     * sure a job is on its way (a video from before MP4s, or whose MP4 failed, gets one now).
     */
    @Override
    public DownloadState prepareDownload(VideoRef video) {
        return storage.extras().prepareDownload(video.uploadId().value());
    }

    @Override
    public SignedUrl downloadUrl(VideoRef video, Duration ttl) {
        return mediaUrls.download(video.videoId(), ttl);
    }

    /** The uploaded file, served by this server while the upload is stored. */
    @Override
    public Optional<SignedUrl> originalUrl(VideoRef video, Duration ttl) {
        return video.uploadId() == null ? Optional.empty() : Optional.of(mediaUrls.original(video.videoId(), ttl));
    }

    /**
     * The pipeline's sprite storyboard once it is made; until then (or when it could not be
     * made) empty, and the service composes one from thumbnails at the same URL.
     */
    @Override
    public Optional<SignedUrl> storyboardUrl(VideoRef video, Duration ttl) {
        return storage.storyboards().exists(video.uploadId().value())
                ? Optional.of(mediaUrls.storyboard(video.videoId(), ttl)) : Optional.empty();
    }

    /** Any spec within AnimatedSpec's limits (Mux's): rendered on first request and cached. */
    @Override
    public SignedUrl animatedUrl(VideoRef video, AnimatedSpec spec, Duration ttl) {
        return mediaUrls.animated(video.videoId(), spec, ttl);
    }

    /**
     * The file is the domain's (it keeps every caption's WebVTT), served from there under
     * {@code /media/{id}/captions/}: so a track is ready as soon as it is stored, and our ref
     * of the version is its track id.
     */
    @Override
    public TrackAdded add(VideoRef video, CaptionTrack track, String replacing) {
        return new TrackAdded(track.ref(), true);
    }

    /** Nothing is kept here beside the domain's row. */
    @Override
    public void remove(VideoRef video, LanguageTag lang, String trackId) {
        // nothing to remove
    }

    /** The whole WebVTT file with a playback token; players get it segmented from the master playlist too. */
    @Override
    public SignedUrl trackUrl(VideoRef video, LanguageTag lang, String trackId, Duration ttl) {
        return mediaUrls.caption(video.videoId(), lang.value(), ttl);
    }

    /**
     * The local truth is the store: an upload whose last byte is on disk is finished even if
     * the server stopped before recording it; anything else has nothing to report.
     */
    @Override
    public Optional<ProviderUpdate> lookup(VideoRef video) {
        boolean complete = storage.uploads().find(video.uploadId().value()).map(u -> u.isComplete()).orElse(false);
        return complete ? Optional.of(uploads.complete(video.uploadId())) : Optional.empty();
    }

    @Override
    public void dispose(VideoRef video) {
        String uploadId = video.uploadId().value();
        storage.downloads().discard(uploadId);
        storage.uploads().terminate(uploadId);
        try {
            storage.pipeline().discard(uploadId);
            storage.thumbnailer().evict(uploadId);
            storage.animator().evict(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the video's media or cached images", e);
        }
    }

    @Override
    public boolean runsJobsOf(String kind) {
        return MediaJobQueue.MEDIA.equals(kind) || MediaJobQueue.EXTRAS.equals(kind);
    }

    @Override
    public void runJob(String kind, String subject, int delivery) {
        if (MediaJobQueue.MEDIA.equals(kind)) {
            storage.pipeline().deliver(subject, delivery);
        } else if (MediaJobQueue.EXTRAS.equals(kind)) {
            storage.extras().deliver(subject, delivery);
        }
    }

    /**
     * Connected once at start by the domain: media outcomes and expiries are reported from
     * here on, jobs a stop left behind are resumed, and the sweep is scheduled.
     */
    @Override
    public void connect(Consumer<ProviderUpdate> applyUpdate) {
        if (!connected.compareAndSet(false, true)) {
            return;
        }
        storage.pipeline().connect(applyUpdate);
        storage.extras().connect(applyUpdate);
        storage.pipeline().resume();
        storage.downloads().connect(applyUpdate);
        storage.downloads().resume();
        LocalSettings current = settings.current();
        long every = current.sweepInterval().toMillis();
        // The scheduler is the server's: the task would outlive an undeployment, hence stop().
        sweep = scheduler.scheduleWithFixedDelay(new LocalHousekeeping(PROVIDER, storage.uploads(), storage.thumbnailer(),
                storage.pipeline(), applyUpdate, clock), every, every, TimeUnit.MILLISECONDS);
        LocalSettings.SlowUploads slow = current.slowUploads();
        long look = Math.max(1000, slow.window().toMillis() / 3);
        slowUploads = scheduler.scheduleWithFixedDelay(() -> releaseSlowUploads(slow), look, look, TimeUnit.MILLISECONDS);
        if (storage.uploadLocks().isShared()) {
            long poll = UploadLocks.POLL.toMillis();
            stopRequests = scheduler.scheduleWithFixedDelay(this::stopWhereAsked, poll, poll, TimeUnit.MILLISECONDS);
        }
    }

    /** Requests for an upload on other nodes ask this node's holder to stop reading (it keeps what arrived). */
    private void stopWhereAsked() {
        try {
            int released = storage.uploadLocks().stopWhereAsked();
            if (released > 0) {
                LOG.fine(() -> released + " upload request(s) were asked by another node to stop; their bytes are kept");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "looking for requests of other nodes to stop an upload failed", e);
        }
    }

    private void releaseSlowUploads(LocalSettings.SlowUploads slow) {
        try {
            int released = storage.uploadLocks().releaseSlowWriters(slow.minBytes(), slow.window());
            if (released > 0) {
                LOG.info(() -> released + " upload request(s) sent fewer than " + slow.minBytes() + " bytes in "
                        + slow.window() + " and were asked to stop; their clients resume");
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the schedule.
            LOG.log(Level.WARNING, "the slow-upload check failed", e);
        }
    }

    /** The server's scheduler outlives this application: cancel the sweep on undeploy. */
    @PreDestroy
    void stop() {
        for (ScheduledFuture<?> running : new ScheduledFuture<?>[] {sweep, slowUploads, stopRequests}) {
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
