package com.yourbit.video.domain.videos;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.IllegalTransitionException;
import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.domain.ProviderEventRepository;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.UploadDeadlineRepository;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoMove;
import com.yourbit.video.domain.VideoMoveRepository;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.WebhookReceipt;
import com.yourbit.video.domain.WebhookReceiptRepository;
import com.yourbit.video.domain.events.EventOutbox;
import com.yourbit.video.domain.events.EventTypes;
import com.yourbit.video.domain.limits.UserLimitTransactions;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one place where a video's status changes. Each call is its own transaction; the
 * video's version column makes a concurrent change fail instead of being lost, and
 * {@link VideoService#applyUpdate} retries such a call on fresh data. Every change writes its
 * event to the outbox ({@link EventOutbox}) in the same transaction.
 */
@Stateless
public class VideoStatusService {

    private static final Logger LOG = Logger.getLogger(VideoStatusService.class.getName());

    @Inject
    VideoRepository videos;

    @Inject
    UploadDeadlineRepository deadlines;

    @Inject
    ProviderEventRepository events;

    @Inject
    WebhookReceiptRepository receipts;

    @Inject
    Clock clock;

    @Inject
    VideoMetrics metrics;

    @Inject
    UserLimitTransactions limits;

    @Inject
    EventOutbox outbox;

    @Inject
    VideoMoveRepository moves;

    @Resource
    SessionContext context;

    /**
     * A move's new provider reported its copy ready: in this one transaction the video switches
     * to it (provider, ids, URLs, media; {@link Video#switchProvider}), the move is done and
     * keeps the old asset to delete, and a {@code video.moved} event is written. When the video
     * is no longer what the move started from (deleted, not ready, at another provider) the
     * move fails instead and the video is not touched. The old asset is deleted by the caller,
     * after this commits. A concurrent change of the video or the move is a
     * {@link ConcurrentChangeException} (the caller retries on fresh data).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UpdateOutcome switchProvider(String moveId, ProviderUpdate ready) {
        Instant now = clock.instant();
        ProviderEvent.Key key = ready.eventKey() == null ? null : new ProviderEvent.Key(ready.provider(), ready.eventKey());
        if (key != null && events.seen(key)) {
            return UpdateOutcome.DUPLICATE;
        }
        Optional<VideoMove> found = moves.findForUpdate(moveId)
                .filter(m -> m.getState().active() && m.getTo().equals(ready.provider()));
        Optional<Video> video = found.flatMap(m -> videos.find(m.getVideoId()));
        UpdateOutcome outcome;
        if (found.isEmpty()) {
            outcome = UpdateOutcome.STALE;
        } else if (video.isEmpty() || video.get().getStatus() != VideoStatus.READY
                || !video.get().getProvider().equals(found.get().getFrom())) {
            VideoMove move = found.get();
            move.noteTarget(ready.uploadId(), ready.assetId(), ready.media(), now);
            move.fail(video.isEmpty() ? "the video was deleted during the move"
                    : "the video changed during the move (it is " + video.get().getStatus().wireName() + " at "
                    + video.get().getProvider() + ")", now);
            outcome = UpdateOutcome.STALE;
        } else {
            VideoMove move = found.get();
            Video moving = video.get();
            move.noteTarget(ready.uploadId(), ready.assetId(), ready.media(), now);
            ProviderName oldProvider = moving.getProvider();
            VideoRef old = moving.ref();
            // The copy's upload id as the ingest named it; a report that came first names it itself.
            UploadId newUpload = move.getTargetUploadId() != null ? move.getTargetUploadId()
                    : ready.uploadId() != null ? ready.uploadId() : UploadId.of(ready.assetId().value());
            moving.switchProvider(move.getTo(), newUpload, ready.ready(), move.targetMedia(), now);
            move.done(oldProvider, old, now);
            outcome = UpdateOutcome.APPLIED;
        }
        if (key != null) {
            events.record(new ProviderEvent(key, found.map(VideoMove::getVideoId).orElse(null), outcome, now));
        }
        try {
            videos.flush();
        } catch (PersistenceException conflict) {
            throw new ConcurrentChangeException(conflict);
        }
        if (outcome == UpdateOutcome.APPLIED) {
            outbox.record(video.get(), EventTypes.MOVED, video.get().getVersion());
        }
        return outcome;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UpdateOutcome apply(ProviderUpdate update) {
        return apply(update, null);
    }

    /**
     * Applies an update and, unless it is a duplicate, writes the webhook receipt {@code receipt}
     * makes of its outcome in the same transaction: one commit per delivered event. A duplicate
     * writes nothing (its first delivery's receipt is stored; a replayed delivery must cost no
     * write).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UpdateOutcome apply(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt) {
        return apply(update, receipt, false).outcome();
    }

    /**
     * What {@link #applyOrRoute} did: applied the report to a video (or recorded it as of no
     * known video), or nothing, as it belongs to move {@code moveId}.
     */
    public record Applied(UpdateOutcome outcome, String moveId) {

        public boolean routed() {
            return moveId != null;
        }
    }

    /**
     * As {@link #apply(ProviderUpdate, Function)}, but a report that belongs to an active move
     * ({@link MoveRoute}) writes nothing and is answered with the move, for
     * {@link MoveService#apply}. The moves are read only when no video of the reporting
     * provider matches the report: a video with an active move is at the move's old provider
     * until {@link #switchProvider} moves it and ends the move in one transaction, and a move
     * never goes to the provider its video is at, so a report that matches a video at its own
     * provider never belongs to a move. The database decides on every node; nothing is kept
     * in memory.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Applied applyOrRoute(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt) {
        return apply(update, receipt, true);
    }

    /** A provider's report and the receipt its delivery makes of the outcome. */
    public record Report(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt) {
    }

    /**
     * {@link #applyOrRoute} for each report in turn, all in this one transaction: one commit
     * for all ({@link WebhookBatches}). All or nothing: a conflict on any of them rolls every
     * one back (the caller then applies each alone, with its retries), and the transitions are
     * counted only once all are flushed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Applied> applyAllOrRoute(List<Report> reports) {
        List<Runnable> counts = new ArrayList<>();
        List<Applied> applied = new ArrayList<>(reports.size());
        MoveTargets targets = MoveTargets.readOnce(moves);
        for (Report report : reports) {
            applied.add(apply(report.update(), report.receipt(), true, targets, counts));
        }
        counts.forEach(Runnable::run);
        return applied;
    }

    private Applied apply(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt, boolean route) {
        List<Runnable> counts = new ArrayList<>(1);
        Applied applied = apply(update, receipt, route, MoveTargets.eachItsOwn(), counts);
        counts.forEach(Runnable::run);
        return applied;
    }

    /** {@code counts}: what to count once the caller's changes are all flushed. */
    private Applied apply(ProviderUpdate update, Function<UpdateOutcome, WebhookReceipt> receipt, boolean route,
                          MoveTargets targets, List<Runnable> counts) {
        Instant now = clock.instant();
        ProviderEvent.Key key = update.eventKey() == null ? null
                : new ProviderEvent.Key(update.provider(), update.eventKey());
        // An event that found no video was recorded, not applied: when it comes again (a
        // provider's retry, or the answer of a look-up made once the video was stored, which
        // carries the same key) and its video is there now, it is applied then.
        ProviderEvent earlier = key == null ? null : events.find(key).orElse(null);
        if (earlier != null && !earlier.foundNoVideo()) {
            return new Applied(UpdateOutcome.DUPLICATE, null);
        }
        Optional<Video> match = match(update);
        if (earlier != null && match.isEmpty()) {
            return new Applied(UpdateOutcome.DUPLICATE, null);
        }
        if (route && match.isEmpty() && targets.mayBelongToAMove(update.provider())) {
            Optional<VideoMove> move = MoveRoute.of(moves, update);
            if (move.isPresent()) {
                return new Applied(null, move.get().getId());
            }
        }
        Optional<VideoStatus> before = match.map(Video::getStatus);
        UpdateOutcome outcome;
        if (match.isEmpty()) {
            outcome = UpdateOutcome.UNKNOWN_VIDEO;
            // Counted (yourbit_webhooks_total) and kept as a receipt: a line per event would let
            // a provider's burst (another app's uploads in the same environment) flood the log.
            LOG.fine(() -> "update from " + update.provider() + " for an unknown video (upload "
                    + update.uploadId() + ", asset " + update.assetId() + "), recorded");
        } else {
            Video video = match.get();
            try {
                outcome = video.apply(update, now);
            } catch (IllegalTransitionException refused) {
                outcome = UpdateOutcome.STALE;
                LOG.fine(() -> "update " + update.state() + " from " + update.provider() + " for video "
                        + video.getId() + " not applied: " + refused.getMessage());
            }
        }
        if (earlier != null) {
            earlier.appliedLater(match.get().id(), outcome, now);
        } else if (key != null) {
            events.record(new ProviderEvent(key, match.map(Video::id).orElse(null), outcome, now));
        }
        if (receipt != null) {
            receipts.record(receipt.apply(outcome));
        }
        try {
            videos.flush();
        } catch (PersistenceException conflict) {
            // OptimisticLockException, or the event's key recorded by a concurrent delivery.
            throw new ConcurrentChangeException(conflict);
        }
        UpdateOutcome applied = outcome;
        match.ifPresent(video -> {
            if (before.get() == VideoStatus.PREPARING && video.getStatus() != VideoStatus.PREPARING) {
                deadlines.drop(video.id());
            }
            if (applied == UpdateOutcome.APPLIED) {
                outbox.record(video, EventTypes.change(before.get(), video.getStatus()), video.getVersion());
            }
            counts.add(() -> countTransition(video, before.get()));
        });
        return new Applied(outcome, null);
    }

    /** Keeps what became of a webhook delivery, whatever happens to the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordReceipt(WebhookReceipt receipt) {
        receipts.record(receipt);
    }

    /**
     * Stores a new video, in its own short transaction, together with ending its creation's
     * grant (UserLimitGate): from the commit on it counts as pending itself.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void register(Video video) {
        limits.settle(video.getOwnerId(), video.id());
        videos.insert(video);
        outbox.record(video, EventTypes.CREATED, video.getVersion());
        if (video.getStatus() == VideoStatus.PREPARING) {
            deadlines.add(video.id(), video.getUploadExpiresAt());
        }
    }

    /**
     * Records the provider's upload created for a video through its relayed tus creation;
     * false when another request created one first or the video stopped waiting for bytes.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean noteUploadCreated(VideoId videoId, AssetId assetId, Instant expiresAt) {
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty() || !video.get().noteUploadCreated(assetId, expiresAt, clock.instant())) {
            return false;
        }
        videos.flush();
        deadlines.move(videoId, expiresAt);
        outbox.record(video.get(), EventTypes.UPDATED, video.get().getVersion());
        return true;
    }

    /**
     * Records where the provider stands with a video's MP4 after this service asked for one;
     * a concurrent change makes it a {@link ConcurrentChangeException} (the caller may ask again).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noteDownloadRequested(VideoId videoId, DownloadState state) {
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty() || !video.get().noteDownloadRequested(state, clock.instant())) {
            return;
        }
        try {
            videos.flush();
        } catch (PersistenceException conflict) {
            throw new ConcurrentChangeException(conflict);
        }
        outbox.record(video.get(), EventTypes.UPDATED, video.get().getVersion());
    }

    /**
     * Expires a video whose upload went stale; false when it is no longer preparing or no
     * longer at {@code expectedVersion} (changed since the caller decided, e.g. by a webhook).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean expire(VideoId videoId, long expectedVersion) {
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty() || video.get().getVersion() != expectedVersion
                || video.get().getStatus() != VideoStatus.PREPARING) {
            return false;
        }
        boolean changed = video.get().expire(clock.instant());
        videos.flush();
        deadlines.drop(videoId);
        if (changed) {
            outbox.record(video.get(), EventTypes.statusChanged(VideoStatus.EXPIRED), video.get().getVersion());
        }
        countTransition(video.get(), VideoStatus.PREPARING);
        return changed;
    }

    /**
     * Deletes the owner's video as it is now, telling of it in the same transaction; false when
     * it is gone already. A change committed meanwhile (the local ladder adds renditions after
     * `ready`) is a {@link ConcurrentChangeException}: the caller tries again on fresh data.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean delete(String ownerId, VideoId id) {
        Optional<Video> video = videos.findOwned(ownerId, id);
        if (video.isEmpty()) {
            return false;
        }
        outbox.record(video.get(), EventTypes.DELETED, video.get().getVersion() + 1);
        videos.delete(video.get());
        try {
            videos.flush();
        } catch (PersistenceException conflict) {
            throw new ConcurrentChangeException(conflict);
        }
        return true;
    }

    /** Counted once the change is flushed: a change lost to a concurrent one is not counted. */
    private void countTransition(Video video, VideoStatus before) {
        if (video.getStatus() != before) {
            metrics.statusChanged(video.getProvider(), before, video.getStatus());
        }
    }

    /**
     * Expires stale videos all together, in one transaction and one update per version read
     * ({@code versions}: video id to the version the caller decided on). All or nothing: when
     * any of them changed meanwhile, nothing is expired and the answer is false, so the
     * caller can expire them one by one with {@link #expire(VideoId, long)}. Their upload
     * deadlines all lie in [{@code firstDeadline}, {@code lastDeadline}].
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean expireAll(Map<VideoId, Long> versions, Instant firstDeadline, Instant lastDeadline) {
        Instant now = clock.instant();
        Map<Long, List<VideoId>> byVersion = versions.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        for (Map.Entry<Long, List<VideoId>> group : byVersion.entrySet()) {
            if (videos.expireAll(group.getValue(), group.getKey(), now) != group.getValue().size()) {
                context.setRollbackOnly();
                return false;
            }
        }
        deadlines.dropAll(versions.keySet(), firstDeadline, lastDeadline);
        // Read after the update, in this transaction: each event shows its video as it now is.
        for (VideoId id : versions.keySet()) {
            videos.find(id).ifPresent(v -> outbox.record(v, EventTypes.statusChanged(VideoStatus.EXPIRED), v.getVersion()));
        }
        return true;
    }

    private Optional<Video> match(ProviderUpdate update) {
        if (update.videoId() != null) {
            Optional<Video> byId = videos.find(update.videoId())
                    .filter(v -> v.getProvider().equals(update.provider()));
            if (byId.isPresent()) {
                return byId;
            }
        }
        if (update.uploadId() != null) {
            Optional<Video> byUpload = videos.findByUpload(update.provider(), update.uploadId());
            if (byUpload.isPresent()) {
                return byUpload;
            }
        }
        return update.assetId() == null ? Optional.empty() : videos.findByExtId(update.provider(), update.assetId());
    }
}
