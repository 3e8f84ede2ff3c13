package com.yourbit.video.domain.videos;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.IngestRequest;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.PlaybackSigner;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.RenditionSigner;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.UrlIngest;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.api.WebhookDelivery;
import com.yourbit.video.api.WebhookReceiver;
import com.yourbit.video.api.WebhookRejectedException;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.ingest.IngestUrlPolicy;
import com.yourbit.video.api.ingest.IngestUrlRefusedException;
import com.yourbit.video.api.ingest.OriginFetch;
import com.yourbit.video.domain.ProviderFailedException;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoPage;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.WebhookReceipt;
import com.yourbit.video.domain.captions.CaptionService;
import com.yourbit.video.domain.limits.UserLimitGate;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The application service behind the videos API: create, read, list, delete, signed URLs,
 * and the entry point for provider updates. Every status change is delegated to
 * {@link VideoStatusService}.
 */
@Stateless
public class VideoService {

    private static final Logger LOG = Logger.getLogger(VideoService.class.getName());
    private static final int UPDATE_ATTEMPTS = 4;

    public static final Duration MIN_TTL = Duration.ofSeconds(60);
    public static final Duration MAX_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    @Inject
    VideoRepository videos;

    @Inject
    ProviderRegistry registry;

    @Inject
    VideoStatusService statusService;

    @Inject
    Clock clock;

    @Inject
    VideoMetrics metrics;

    @Inject
    RejectedWebhooks rejectedWebhooks;

    @Inject
    UserLimitGate limits;

    @Inject
    HostedMedia hostedMedia;

    @Inject
    MoveService moves;

    @Inject
    IngestSettings ingestSettings;

    @Inject
    CaptionService captions;

    @Inject
    SignedUrlCache signedUrls;

    @Inject
    KnownEvents knownEvents;

    @Inject
    WebhookBatches batches;

    /** How long the check of a source URL's redirects waits for the origin, to connect and to answer. */
    static final Duration SOURCE_CHECK_TIMEOUT = Duration.ofSeconds(5);

    /** How soon to ask again for an MP4 or storyboard being made: a short clip takes seconds, a long one minutes. */
    public static final Duration DOWNLOAD_RETRY_AFTER = Duration.ofSeconds(10);

    /**
     * Takes one of the user's creation slots (UserLimitGate: 429 beyond the limits, before
     * the provider hears of it), asks the provider for an upload URL outside any
     * transaction, then stores the video: a provider failure leaves nothing behind.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Video create(String ownerId, String title, Optional<String> providerName) {
        VideoProvider provider = registry.forNewUpload(providerName);
        return created(ownerId, provider, "create-upload", id -> {
            DirectUpload upload = provider.createUpload(new UploadRequest(id, title));
            return Video.prepared(id, ownerId, title, provider.name(), upload, clock.instant());
        });
    }

    /**
     * A video whose provider fetches the file from {@code sourceUrl} itself, instead of waiting
     * for an upload. The URL is checked by the ingest policy (IngestUrlPolicy: 422 for a scheme,
     * host or address it refuses, after DNS resolution), and so is every redirect it answers
     * (OriginFetch: the origin is asked once, its body not read), before the user's limits are
     * counted or any provider hears of it; the provider is given the URL the redirects end at,
     * so that it fetches what was checked. Then as {@link #create}: a provider failure leaves
     * nothing behind. An origin that cannot be reached or answers an error is the provider's
     * to report (the video becomes errored).
     * The video is {@code preparing} until the provider reports, at most {@code video.ingest.timeout}
     * (then the stale-upload sweep asks the provider and expires it).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Video ingest(String ownerId, String title, Optional<String> providerName, String sourceUrl) {
        VideoProvider provider = registry.forNewUpload(providerName);
        if (!(provider instanceof UrlIngest ingest)) {
            throw new VideoException(ErrorCode.UNKNOWN_PROVIDER, "provider '" + provider.name() + "' cannot ingest from a URL");
        }
        URI source;
        try {
            IngestUrlPolicy policy = ingestSettings.policy();
            source = new OriginFetch(policy, SOURCE_CHECK_TIMEOUT, SOURCE_CHECK_TIMEOUT).followRedirects(policy.check(sourceUrl).url());
        } catch (IngestUrlRefusedException | OriginFetch.BadRedirectException e) {
            throw new VideoException(ErrorCode.INGEST_SOURCE_REFUSED, e.getMessage());
        }
        Duration timeout = ingestSettings.timeout();
        IngestStarted[] started = new IngestStarted[1];
        Video video = created(ownerId, provider, "ingest", id -> {
            started[0] = ingest.ingest(new IngestRequest(id, title, source));
            Instant now = clock.instant();
            return Video.ingesting(id, ownerId, title, provider.name(), started[0], now, now.plus(timeout));
        });
        ingest.begin(started[0]);
        return catchUp(video);
    }

    /**
     * A provider that fetches quickly may report before the video was stored: such a report
     * found no video (recorded, not applied), and the provider will not send it again. So the
     * provider is asked once where the video stands, and a final state is applied; a failure to
     * ask changes nothing (the stale-upload sweep asks again at the deadline).
     */
    private Video catchUp(Video video) {
        Optional<StatusLookup> lookup = registry.capability(video, StatusLookup.class);
        if (lookup.isEmpty()) {
            return video;
        }
        try {
            Optional<ProviderUpdate> state = metrics.providerCall(video.getProvider(), "lookup",
                    () -> lookup.get().lookup(video.ref()));
            if (state.isPresent() && (state.get().state() == ProviderState.READY || state.get().state() == ProviderState.ERRORED)) {
                applyUpdate(state.get());
                return videos.find(video.id()).orElse(video);
            }
        } catch (ProviderUnavailableException | ConcurrentChangeException e) {
            LOG.fine(() -> "no catch-up for video " + video.getId() + ": " + e.getMessage());
        }
        return video;
    }

    /** The creation both paths share: the user's slot, the provider's call, then the stored video. */
    private Video created(String ownerId, VideoProvider provider, String call, java.util.function.Function<VideoId, Video> providerCall) {
        VideoId id = VideoId.of(UUID.randomUUID().toString());
        limits.reserveCreation(ownerId, id);
        boolean stored = false;
        try {
            Video video;
            try {
                video = metrics.providerCall(provider.name(), call, () -> providerCall.apply(id));
            } catch (ProviderUnavailableException e) {
                LOG.warning(() -> "provider " + provider.name() + " failed to " + call + ": " + e.getMessage());
                throw new ProviderFailedException(e);
            }
            statusService.register(video);
            stored = true;
            metrics.uploadCreated(provider.name());
            return video;
        } finally {
            if (!stored) {
                limits.release(id);
            }
        }
    }

    public Video get(String ownerId, VideoId id) {
        return videos.findOwned(ownerId, id).orElseThrow(VideoService::notFound);
    }

    public VideoPage list(String ownerId, VideoStatus status, String cursor, int limit) {
        return VideoPage.of(videos.page(ownerId, status, VideoPage.after(cursor), VideoPage.checkLimit(limit)), limit);
    }

    /**
     * Deletes the video's asset or pending upload at the provider (outside any transaction: a
     * provider call never holds one), then the video here, retrying when a concurrent change
     * (a rendition the local ladder adds, a provider's report) committed in between.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void delete(String ownerId, VideoId id) {
        Video video = get(ownerId, id);
        try {
            registry.capability(video, UploadDisposal.class).ifPresent(d ->
                    metrics.providerCall(video.getProvider(), "dispose", () -> d.dispose(video.ref())));
        } catch (ProviderUnavailableException e) {
            throw new ProviderFailedException(e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                statusService.delete(ownerId, id);
                return;
            } catch (ConcurrentChangeException e) {
                if (attempt >= UPDATE_ATTEMPTS) {
                    throw e;
                }
            } catch (EJBException e) {
                // A conflict that surfaced only at commit.
                if (attempt >= UPDATE_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
            LOG.fine(() -> "video " + id + " changed while it was deleted; deleting it as it is now");
        }
    }

    public SignedUrl playback(String ownerId, VideoId id, Duration ttl) {
        Video video = readyVideo(ownerId, id);
        Duration checkedTtl = checkTtl(ttl);
        PlaybackSigner signer = signer(video);
        return reused(video, signer, "playback", null, checkedTtl, () -> signer.playbackUrl(video.ref(), checkedTtl));
    }

    /** 400 for a time beyond the video's duration or a size beyond ThumbnailSpec's bounds. */
    public SignedUrl thumbnail(String ownerId, VideoId id, ThumbnailSpec spec) {
        Video video = readyVideo(ownerId, id);
        try {
            spec.checkFor(video.getDurationSeconds());
        } catch (IllegalArgumentException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        PlaybackSigner signer = signer(video);
        return reused(video, signer, "thumbnail", spec, DEFAULT_TTL, () -> signer.thumbnailUrl(video.ref(), spec, DEFAULT_TTL));
    }

    /**
     * A signed MP4 URL. Until the provider has the MP4 it is asked for one (outside any
     * transaction: a provider call never holds one) and the answer is a
     * {@link MediaPendingException} with Retry-After; where it stands is recorded on the video.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SignedUrl download(String ownerId, VideoId id, Duration ttl) {
        Video video = readyVideo(ownerId, id);
        Duration checkedTtl = checkTtl(ttl);
        RenditionSigner signer = renditions(video);
        if (video.media().download() != DownloadState.READY) {
            DownloadState state;
            try {
                state = metrics.providerCall(video.getProvider(), "prepare-download",
                        () -> signer.prepareDownload(video.ref()));
            } catch (ProviderUnavailableException e) {
                throw new ProviderFailedException(e);
            }
            try {
                statusService.noteDownloadRequested(video.id(), state);
            } catch (ConcurrentChangeException e) {
                LOG.fine(() -> "download state of video " + id + " changed concurrently; the provider's report stands");
            }
            if (state != DownloadState.READY) {
                throw new MediaPendingException(ErrorCode.DOWNLOAD_NOT_READY, state == DownloadState.ERRORED
                        ? "the provider could not make an MP4 of this video; asking again tries again"
                        : "the MP4 of this video is being made; ask again shortly", DOWNLOAD_RETRY_AFTER);
            }
        }
        return reused(video, signer(video), "download", null, checkedTtl, () -> signer.downloadUrl(video.ref(), checkedTtl));
    }

    /**
     * The provider's storyboard, or this service's composed from the provider's thumbnails;
     * 409 with Retry-After until the provider reported one (the local pipeline makes it after
     * the video became ready).
     */
    public SignedUrl storyboard(String ownerId, VideoId id, Duration ttl) {
        Video video = readyVideo(ownerId, id);
        Duration checkedTtl = checkTtl(ttl);
        if (!video.media().storyboard()) {
            throw new MediaPendingException(ErrorCode.STORYBOARD_NOT_READY,
                    "the storyboard of this video is being made; ask again shortly", DOWNLOAD_RETRY_AFTER);
        }
        return reused(video, signer(video), "storyboard", null, checkedTtl, () -> renditions(video).storyboardUrl(video.ref(), checkedTtl)
                .orElseGet(() -> hostedMedia.storyboardUrl(video.id(), checkedTtl)));
    }

    /**
     * The WebVTT of a composed storyboard ({@link ComposedStoryboard}) of a ready video whose
     * provider has none, its images signed until {@code expiresAt}; empty when there is no such
     * video (or it has a storyboard of its own, or no known duration).
     */
    public Optional<String> composedStoryboard(VideoId id, Instant expiresAt) {
        Optional<Video> found = videos.find(id).filter(v -> v.getStatus() == VideoStatus.READY
                && v.getDurationSeconds() != null && v.getDurationSeconds() > 0);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Video video = found.get();
        Duration ttl = Duration.between(clock.instant(), expiresAt);
        if (ttl.isNegative() || ttl.isZero() || renditions(video).storyboardUrl(video.ref(), ttl).isPresent()) {
            return Optional.empty();
        }
        PlaybackSigner signer = signer(video);
        return Optional.of(ComposedStoryboard.webVtt(video.getDurationSeconds(), video.getAspectRatio(),
                spec -> signer.thumbnailUrl(video.ref(), spec, ttl).url()));
    }

    /** 400 for a spec outside Mux's limits, the video's duration or the provider's own limits. */
    public SignedUrl animated(String ownerId, VideoId id, AnimatedSpec spec, Duration ttl) {
        Video video = readyVideo(ownerId, id);
        Duration checkedTtl = checkTtl(ttl);
        try {
            AnimatedSpec checked = spec.checkFor(video.getDurationSeconds());
            RenditionSigner signer = renditions(video);
            return reused(video, signer(video), "animated", checked, checkedTtl,
                    () -> signer.animatedUrl(video.ref(), checked, checkedTtl));
        } catch (IllegalArgumentException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
    }

    /** A video by id alone, for callers that hold a capability instead of a user (media tokens). */
    public Optional<Video> findById(VideoId id) {
        return videos.find(id);
    }

    /**
     * The video that holds an upload, if any; used by the local upload endpoint on every tus
     * request, so it reads without a transaction of its own.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Video> findByUpload(ProviderName provider, UploadId uploadId) {
        return videos.findByUpload(provider, uploadId);
    }

    /**
     * Applies a provider's report through the single status-change method, retrying when
     * a concurrent change or a concurrent delivery of the same event got there first.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UpdateOutcome applyUpdate(ProviderUpdate update) {
        return applyUpdate(update, null);
    }

    /**
     * As {@link #applyUpdate(ProviderUpdate)}; with a {@code receipt}, the receipt of a change
     * of status is written in the change's own transaction, and that of a caption's or a
     * move's news after it. Duplicates get none.
     */
    private UpdateOutcome applyUpdate(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt) {
        if (update.state() == ProviderState.TRACK) {
            // A caption track's news changes the caption, not the video's status.
            return receiptAfter(captions.report(update), receipt);
        }
        // A webhook's report goes with those delivered beside it, in one commit (WebhookBatches).
        VideoStatusService.Applied applied = receipt == null ? applyOrRoute(update, null)
                : batches.apply(new VideoStatusService.Report(update, receipt)).orElseGet(() -> applyOrRoute(update, receipt));
        if (applied.routed()) {
            // A report of the provider a video is being moved to is the move's: it never changes the video itself.
            return receiptAfter(moves.apply(applied.moveId(), update), receipt);
        }
        if (update.eventKey() != null) {
            // Committed (or found) in provider_event: a repeat is a duplicate from now on.
            knownEvents.add(new ProviderEvent.Key(update.provider(), update.eventKey()));
        }
        return applied.outcome();
    }

    private VideoStatusService.Applied applyOrRoute(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt) {
        for (int attempt = 1; ; attempt++) {
            try {
                return statusService.applyOrRoute(update, receipt);
            } catch (ConcurrentChangeException e) {
                if (attempt >= UPDATE_ATTEMPTS) {
                    throw e;
                }
                LOG.fine(() -> "concurrent change while applying " + update.state() + ", retrying");
            } catch (EJBException e) {
                // A conflict that surfaced only at commit.
                if (attempt >= UPDATE_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                LOG.fine(() -> "concurrent change at commit while applying " + update.state() + ", retrying");
            }
        }
    }

    private UpdateOutcome receiptAfter(UpdateOutcome outcome, Function<UpdateOutcome, WebhookReceipt> receipt) {
        if (receipt != null && outcome != UpdateOutcome.DUPLICATE) {
            statusService.recordReceipt(receipt.apply(outcome));
        }
        return outcome;
    }

    /**
     * A provider's webhook: verified and read by the provider, then each update it carries is
     * applied through the single status-change method. Unknown providers (or ones that send
     * no webhooks) are 404; a bad signature 401; a verified but unreadable body 400.
     * An event this node knows to be recorded already ({@link KnownEvents}) is a duplicate
     * without any database work; duplicates are counted, never written.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<UpdateOutcome> receiveWebhook(String providerName, WebhookDelivery delivery) {
        WebhookReceiver receiver = registry.byName(providerName)
                .filter(WebhookReceiver.class::isInstance)
                .map(WebhookReceiver.class::cast)
                .orElseThrow(() -> new VideoException(ErrorCode.NOT_FOUND, "no webhook endpoint for this provider"));
        List<ProviderUpdate> updates;
        try {
            updates = receiver.receive(delivery);
        } catch (WebhookRejectedException e) {
            if (e.reason() == WebhookRejectedException.Reason.SIGNATURE) {
                // Anyone can send these: counted and kept in memory, never written to the database.
                rejectedWebhooks.record(providerName, delivery.receivedAt(), e.getMessage());
                metrics.webhookReceipt(providerName, "rejected");
            } else {
                LOG.info(() -> "signed webhook from " + providerName + " is malformed: " + e.getMessage());
                recordReceipt(new WebhookReceipt(providerName, delivery.receivedAt(), "rejected",
                        e.getMessage(), null, null));
            }
            throw new VideoException(e.reason() == WebhookRejectedException.Reason.SIGNATURE
                    ? ErrorCode.WEBHOOK_SIGNATURE_INVALID : ErrorCode.WEBHOOK_MALFORMED, e.getMessage());
        }
        if (updates.isEmpty()) {
            recordReceipt(new WebhookReceipt(providerName, delivery.receivedAt(), "ignored",
                    "an event this service does not act on", null, null));
        }
        return updates.stream().map(update -> {
            UpdateOutcome outcome;
            if (update.eventKey() != null && knownEvents.contains(new ProviderEvent.Key(update.provider(), update.eventKey()))) {
                outcome = UpdateOutcome.DUPLICATE;
            } else {
                outcome = applyUpdate(update, o -> new WebhookReceipt(providerName, delivery.receivedAt(),
                        o.name().toLowerCase(java.util.Locale.ROOT), null, update.eventKey(), update.videoId()));
            }
            metrics.webhookReceipt(providerName, outcome.name().toLowerCase(java.util.Locale.ROOT));
            return outcome;
        }).toList();
    }

    private void recordReceipt(WebhookReceipt receipt) {
        statusService.recordReceipt(receipt);
        metrics.webhookReceipt(receipt.getProvider(), receipt.getOutcome());
    }

    /** An optimistic-locking or constraint conflict with a concurrent change, anywhere in the causes. */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }

    private Video readyVideo(String ownerId, VideoId id) {
        Video video = get(ownerId, id);
        if (video.getStatus() != VideoStatus.READY) {
            throw new VideoException(ErrorCode.VIDEO_NOT_READY, "the video is " + video.getStatus().wireName()
                    + "; playback and thumbnails are available once it is ready");
        }
        return video;
    }

    /**
     * The URL signed for the same request lately, or a new one (SignedUrlCache: reused for a
     * tenth of its lifetime at most, its expiresAt the token's own). A provider that names no
     * signing key has every URL signed anew.
     */
    private SignedUrl reused(Video video, PlaybackSigner signer, String kind, Object params, Duration ttl,
                             java.util.function.Supplier<SignedUrl> sign) {
        String keyVersion = signer.signingKeyVersion();
        if (keyVersion == null) {
            return sign.get();
        }
        return signedUrls.get(SignedUrlCache.Key.of(video, keyVersion, kind, params, ttl), sign);
    }

    private PlaybackSigner signer(Video video) {
        return registry.capability(video, PlaybackSigner.class).orElseThrow(() -> new IllegalStateException(
                "provider " + video.getProvider() + " cannot sign playback URLs"));
    }

    private RenditionSigner renditions(Video video) {
        return registry.capability(video, RenditionSigner.class).orElseThrow(() -> new IllegalStateException(
                "provider " + video.getProvider() + " offers no downloads, storyboards or animated previews"));
    }

    private static Duration checkTtl(Duration ttl) {
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "ttl must be between " + MIN_TTL.toSeconds()
                    + " and " + MAX_TTL.toSeconds() + " seconds");
        }
        return ttl;
    }

    private static VideoException notFound() {
        return new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video");
    }
}
