package com.yourbit.video.domain.videos;

import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.IngestRequest;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.RenditionSigner;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UrlIngest;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.domain.MoveState;
import com.yourbit.video.domain.NodeName;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoMove;
import com.yourbit.video.domain.VideoMoveRepository;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.captions.CaptionService;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves videos between providers (API.md, Administration): the new provider fetches the
 * video from a signed URL of the old one ({@link UrlIngest}) while the video keeps playing
 * from the old one; its reports are routed to the move ({@link MoveRoute}), never to the
 * video, until it reports ready and {@link VideoStatusService#switchProvider} switches the
 * video in one transaction; after that commits the video's captions are re-added at the new
 * provider and then the old asset is deleted; a failed step is tried again ({@link #disposeDue}). No transaction is open while a provider is called.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MoveService {

    private static final Logger LOG = Logger.getLogger(MoveService.class.getName());
    private static final int UPDATE_ATTEMPTS = 4;
    /** The source file kinds a move records: the upload itself, or an MP4 the old provider made. */
    static final String SOURCE_ORIGINAL = "original";
    static final String SOURCE_MP4 = "mp4";

    /** This node's name in the leases it takes outside the worker (after a report ended a move). */
    private static final String NODE = NodeName.fresh("reports");

    /** How many moves one bulk request may queue. */
    public static final int MAX_BULK = 1000;

    /** What a bulk request queued. */
    public record Bulk(String batchId, int queued) {
    }

    /** Moves per state and the latest moves, for the administrator. */
    public record Progress(Map<MoveState, Long> counts, long pendingDeletes, List<VideoMove> recent) {
    }

    @Inject
    MoveLedger ledger;

    @Inject
    VideoMoveRepository moves;

    @Inject
    VideoRepository videos;

    @Inject
    VideoStatusService statusService;

    @Inject
    ProviderRegistry registry;

    @Inject
    VideoMetrics metrics;

    @Inject
    CaptionService captions;

    @Inject
    Config config;

    @Inject
    Clock clock;

    /**
     * Queues a move of one video: 404 unknown video, 422 unknown or unconfigured target (or one
     * that cannot fetch from a URL, or the provider the video is at), 409 when the video is not
     * ready or is being moved already.
     */
    public VideoMove start(VideoId videoId, String target) {
        Video video = videos.find(videoId).orElseThrow(() -> new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video"));
        VideoProvider to = target(target);
        if (to.name().equals(video.getProvider())) {
            throw new VideoException(ErrorCode.INVALID_MOVE_TARGET, "the video is at " + to.name() + " already");
        }
        if (video.getStatus() != VideoStatus.READY) {
            throw new VideoException(ErrorCode.VIDEO_NOT_READY, "the video is " + video.getStatus().wireName()
                    + "; only a ready video moves");
        }
        VideoMove move = ledger.queue(videoId, video.getProvider(), to.name(), null);
        LOG.info(() -> "queued " + move);
        return move;
    }

    /**
     * Queues moves of up to {@code limit} ready videos of {@code from} (oldest first, those
     * without an active move); the worker takes them a few at a time.
     */
    public Bulk startBulk(String from, String target, int limit) {
        if (limit < 1 || limit > MAX_BULK) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_BULK);
        }
        ProviderName source = registry.byName(from).map(VideoProvider::name).orElseThrow(() -> new VideoException(
                ErrorCode.UNKNOWN_PROVIDER, "provider \"from\" is not known to this service"));
        VideoProvider to = target(target);
        if (to.name().equals(source)) {
            throw new VideoException(ErrorCode.INVALID_MOVE_TARGET, "\"from\" and \"to\" are the same provider");
        }
        String batch = UUID.randomUUID().toString();
        int queued = 0;
        for (VideoId id : ledger.movable(source, limit)) {
            try {
                ledger.queue(id, source, to.name(), batch);
                queued++;
            } catch (VideoException e) {
                // Moved by someone else since it was listed: not this batch's.
                LOG.fine(() -> "video " + id + " got a move of its own meanwhile");
            }
        }
        int count = queued;
        LOG.info(() -> "bulk move " + batch + ": " + count + " videos queued from " + source + " to " + to.name());
        return new Bulk(batch, queued);
    }

    public Progress progress(MoveState state, int limit) {
        return new Progress(moves.countByState(), moves.pendingDisposals(), moves.recent(state, limit));
    }

    public Optional<VideoMove> find(String moveId) {
        return moves.find(moveId);
    }

    /** The active move a provider's report belongs to ({@link MoveRoute}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> routeOf(ProviderUpdate update) {
        return MoveRoute.of(moves, update).map(VideoMove::getId);
    }

    /**
     * Applies a report of a move's new provider to the move (never to the video directly):
     * ready switches the video, errored or gone fails the move; then whatever the move left to
     * delete is deleted. Retried on fresh data after a concurrent change.
     */
    public UpdateOutcome apply(String moveId, ProviderUpdate update) {
        UpdateOutcome outcome;
        for (int attempt = 1; ; attempt++) {
            try {
                outcome = update.state() == ProviderState.READY
                        ? statusService.switchProvider(moveId, update) : ledger.note(moveId, update);
                break;
            } catch (ConcurrentChangeException e) {
                if (attempt >= UPDATE_ATTEMPTS) {
                    throw e;
                }
            } catch (EJBException e) {
                if (attempt >= UPDATE_ATTEMPTS || !VideoService.isConflict(e)) {
                    throw e;
                }
            }
        }
        UpdateOutcome applied = outcome;
        LOG.fine(() -> "report " + update.state() + " of " + update.provider() + " for move " + moveId + ": " + applied);
        ledger.find(moveId).ifPresent(m -> {
            if (!m.getState().active()) {
                LOG.info(() -> "ended " + m + (m.getReason() == null ? "" : ": " + m.getReason()));
            }
        });
        finishIfFree(moveId);
        return outcome;
    }

    /**
     * One step of a move the worker holds the lease of: sign a source URL of the old provider
     * (asking it to make an MP4 where it has to, and waiting for it), then hand it to the new
     * provider. A provider failure is tried again later, up to {@code video.move.max-attempts}.
     */
    public void advance(String moveId, MoveSettings settings) {
        Optional<VideoMove> found = ledger.find(moveId).filter(m -> m.getState().active());
        if (found.isEmpty() || found.get().getState() == MoveState.INGESTING) {
            found.ifPresent(m -> ledger.release(moveId));
            return;
        }
        VideoMove move = found.get();
        Optional<Video> video = videos.find(move.getVideoId());
        if (video.isEmpty() || video.get().getStatus() != VideoStatus.READY || !video.get().getProvider().equals(move.getFrom())) {
            fail(move, video.isEmpty() ? "the video was deleted before the move started"
                    : "the video is no longer ready at " + move.getFrom());
            return;
        }
        Optional<UrlIngest> ingest = registry.byName(move.getTo().value())
                .filter(VideoProvider::isConfigured)
                .filter(UrlIngest.class::isInstance).map(UrlIngest.class::cast);
        if (ingest.isEmpty()) {
            fail(move, "provider " + move.getTo() + " is no longer configured to fetch videos from a URL");
            return;
        }
        Optional<RenditionSigner> signer = registry.capability(video.get(), RenditionSigner.class);
        if (signer.isEmpty()) {
            fail(move, "provider " + move.getFrom() + " offers no file to copy from");
            return;
        }
        Source source;
        try {
            Optional<Source> ready = source(video.get(), signer.get(), settings);
            if (ready.isEmpty()) {
                Instant now = clock.instant();
                if (now.isAfter(move.getCreatedAt().plus(settings.sourceTimeout()))) {
                    fail(move, "provider " + move.getFrom() + " did not make an MP4 to copy from within "
                            + settings.sourceTimeout());
                } else {
                    ledger.waitForSource(moveId, settings.pollInterval());
                }
                return;
            }
            source = ready.get();
            IngestStarted started = metrics.providerCall(move.getTo(), "ingest", () -> ingest.get().ingest(
                    new IngestRequest(move.getVideoId(), video.get().getTitle(), source.url().url())));
            if (ledger.ingesting(moveId, source.kind(), started)) {
                // Recorded first: a provider whose fetch runs here reports to the move from now on.
                ingest.get().begin(started);
                LOG.info(() -> "move " + moveId + ": " + move.getTo() + " fetches the " + source.kind() + " of "
                        + move.getFrom() + " (upload " + started.uploadId() + ")");
            }
        } catch (ProviderUnavailableException e) {
            if (e.isTransient()) {
                retryOrFail(move, "a provider failed: " + e.getMessage(), settings);
            } else {
                fail(move, "a provider refused: " + e.getMessage());
            }
        } catch (VideoException | IllegalArgumentException e) {
            // The target refused the source URL (e.g. its ingest policy): trying again will not help.
            fail(move, "provider " + move.getTo() + " refused the source: " + e.getMessage());
        }
    }

    /** A signed URL of the file to copy, with what it is; empty while the old provider makes it. */
    private Optional<Source> source(Video video, RenditionSigner signer, MoveSettings settings) {
        Optional<SignedUrl> original = signer.originalUrl(video.ref(), settings.sourceTtl());
        if (original.isPresent()) {
            return Optional.of(new Source(SOURCE_ORIGINAL, original.get()));
        }
        DownloadState state = video.media().download() == DownloadState.READY ? DownloadState.READY
                : metrics.providerCall(video.getProvider(), "prepare-download", () -> signer.prepareDownload(video.ref()));
        if (state != video.media().download()) {
            try {
                statusService.noteDownloadRequested(video.id(), state);
            } catch (ConcurrentChangeException e) {
                LOG.fine(() -> "download state of video " + video.getId() + " changed concurrently");
            }
        }
        return switch (state) {
            case READY -> Optional.of(new Source(SOURCE_MP4, signer.downloadUrl(video.ref(), settings.sourceTtl())));
            case NONE, PREPARING -> Optional.empty();
            // Asking again makes it try again (RenditionSigner.prepareDownload): a transient failure.
            case ERRORED -> throw new ProviderUnavailableException("provider " + video.getProvider()
                    + " could not make an MP4 to copy from", true, null, null);
        };
    }

    private record Source(String kind, SignedUrl url) {
    }

    /** Fails moves whose new provider did not report ready in time. */
    public void failOverdue(MoveSettings settings) {
        Instant before = clock.instant().minus(settings.ingestTimeout());
        for (VideoMove move : ledger.ingestingSince(before, 50)) {
            fail(move, "provider " + move.getTo() + " did not report the copy ready within " + settings.ingestTimeout());
        }
    }

    /** Deletes what finished moves left (old assets, half-made copies) whose delete is due; answers how many. */
    public int disposeDue(String node, MoveSettings settings) {
        int done = 0;
        for (VideoMove move : ledger.dueDisposals(20)) {
            if (ledger.claim(move.getId(), node, settings.lease())) {
                finish(move.getId());
                done++;
            }
        }
        return done;
    }

    /**
     * {@link #finish} unless a node holds the move (e.g. the worker, which found it due at the
     * same moment): the lease makes sure the captions are re-added and the asset deleted once.
     */
    private void finishIfFree(String moveId) {
        if (ledger.claim(moveId, NODE, MoveSettings.from(config).lease())) {
            finish(moveId);
        }
    }

    /**
     * What is left after a move ended, by the holder of its lease: a switched video's captions are re-added at its new
     * provider (from the WebVTT kept here), and only then is the old asset deleted, so that the
     * video never has no captions anywhere; a failed move's half-made copy is deleted.
     */
    void finish(String moveId) {
        Optional<VideoMove> found = ledger.find(moveId);
        if (found.isPresent() && found.get().isCaptionsPending()) {
            try {
                int taken = captions.reattach(found.get().getVideoId());
                ledger.captionsMoved(moveId);
                LOG.info(() -> "move " + moveId + ": " + taken + " captions re-added at " + found.get().getTo());
            } catch (RuntimeException e) {
                MoveSettings settings = MoveSettings.from(config);
                Duration wait = settings.retryAfter(found.get().getDisposeAttempts() + 1);
                LOG.log(Level.WARNING, "move " + moveId + ": re-adding the captions failed, trying again in " + wait, e);
                ledger.disposeFailed(moveId, "the captions are not re-added yet (" + e.getClass().getSimpleName() + ")", wait);
                return;
            }
        }
        dispose(moveId);
    }

    /** Deletes what the move left at a provider, if anything; a failure is recorded and tried again later. */
    private void dispose(String moveId) {
        Optional<VideoMove> found = ledger.find(moveId).filter(m -> m.getDisposeState() == VideoMove.Disposal.PENDING
                && !m.isCaptionsPending());
        if (found.isEmpty()) {
            return;
        }
        VideoMove move = found.get();
        ProviderName provider = move.getDisposeProvider();
        try {
            Optional<UploadDisposal> disposal = registry.byName(provider.value())
                    .filter(UploadDisposal.class::isInstance).map(UploadDisposal.class::cast);
            if (disposal.isPresent()) {
                metrics.providerCall(provider, "dispose", () -> disposal.get().dispose(move.disposal()));
            }
            ledger.disposed(moveId);
            LOG.info(() -> "move " + moveId + ": deleted the " + (move.getState() == MoveState.DONE ? "old asset" : "unfinished copy")
                    + " at " + provider);
        } catch (RuntimeException e) {
            MoveSettings settings = MoveSettings.from(config);
            Duration wait = settings.retryAfter(move.getDisposeAttempts() + 1);
            LOG.log(Level.WARNING, "move " + moveId + ": deleting at " + provider + " failed, trying again in " + wait, e);
            ledger.disposeFailed(moveId, e instanceof ProviderUnavailableException ? e.getMessage()
                    : "the delete failed (" + e.getClass().getSimpleName() + ")", wait);
        }
    }

    private void retryOrFail(VideoMove move, String reason, MoveSettings settings) {
        if (move.getAttempts() + 1 >= settings.maxAttempts()) {
            fail(move, reason + " (after " + settings.maxAttempts() + " attempts)");
        } else {
            LOG.info(() -> "move " + move.getId() + ": " + reason + "; trying again");
            ledger.retryLater(move.getId(), reason, settings.retryAfter(move.getAttempts() + 1));
        }
    }

    private void fail(VideoMove move, String reason) {
        if (ledger.fail(move.getId(), reason)) {
            LOG.info(() -> "failed " + move + ": " + reason);
            finishIfFree(move.getId());
        }
    }

    private VideoProvider target(String name) {
        if (name == null || name.isEmpty()) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "the target provider is missing");
        }
        VideoProvider to = registry.byName(name).orElseThrow(() -> new VideoException(ErrorCode.UNKNOWN_PROVIDER,
                "provider \"to\" is not known to this service"));
        if (!to.isConfigured()) {
            throw new VideoException(ErrorCode.UNKNOWN_PROVIDER, "provider " + to.name() + " is not configured on this service");
        }
        if (!(to instanceof UrlIngest)) {
            throw new VideoException(ErrorCode.INVALID_MOVE_TARGET, "provider " + to.name() + " cannot fetch a video from a URL");
        }
        return to;
    }
}
