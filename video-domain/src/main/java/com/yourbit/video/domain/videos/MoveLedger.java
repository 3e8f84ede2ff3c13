package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.MoveState;
import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.domain.ProviderEventRepository;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoMove;
import com.yourbit.video.domain.VideoMoveRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The moves' state in the database, each step in its own short transaction (no transaction is
 * open while a provider is called): queueing, leases, the worker's steps, what the new provider
 * reported short of ready, failures and the deletes left over. The switch itself is
 * {@link VideoStatusService#switchProvider}, because it changes the video.
 */
@Stateless
public class MoveLedger {

    @Inject
    VideoMoveRepository moves;

    @Inject
    ProviderEventRepository events;

    @Inject
    Clock clock;

    /** A new move; 409 when the video has an active one (the unique constraint decides, not a prior read). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public VideoMove queue(VideoId videoId, ProviderName from, ProviderName to, String batchId) {
        VideoMove move = VideoMove.queued(videoId, from, to, batchId, clock.instant());
        try {
            moves.insert(move);
        } catch (PersistenceException conflict) {
            throw new VideoException(ErrorCode.MOVE_IN_PROGRESS, "the video is being moved already; see GET /api/admin/moves");
        }
        return move;
    }

    /** Ready videos of {@code from} without an active move, oldest first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<VideoId> movable(ProviderName from, int limit) {
        return moves.movable(from, limit);
    }

    /** Takes the lease of a move for {@code node}; false when another node holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String moveId, String node, Duration lease) {
        return moves.claim(moveId, node, clock.instant(), lease);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(String moveId) {
        change(moveId, VideoMove::release);
    }

    /** The old provider is making the source; looked at again after {@code wait}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void waitForSource(String moveId, Duration wait) {
        Instant now = clock.instant();
        changeActive(moveId, m -> {
            m.waitForSource(now.plus(wait), now);
            m.release();
        });
    }

    /** The new provider took the source; false when the move ended meanwhile (its report came first). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean ingesting(String moveId, String sourceKind, IngestStarted started) {
        Instant now = clock.instant();
        return changeActive(moveId, m -> {
            m.ingesting(sourceKind, started.uploadId(), started.assetId(), now);
            m.release();
        });
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void retryLater(String moveId, String reason, Duration wait) {
        Instant now = clock.instant();
        changeActive(moveId, m -> {
            m.retryLater(reason, now.plus(wait), now);
            m.release();
        });
    }

    /** Ends an active move as failed; false when it had ended already. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean fail(String moveId, String reason) {
        Instant now = clock.instant();
        return changeActive(moveId, m -> m.fail(reason, now));
    }

    /**
     * A report of the new provider short of ready, in the move it belongs to: {@code processing}
     * and media reports note the copy's ids and what it made; {@code errored} or {@code gone}
     * fails the move (the video is not touched). De-duplicated by event key like any report.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UpdateOutcome note(String moveId, ProviderUpdate update) {
        Instant now = clock.instant();
        ProviderEvent.Key key = update.eventKey() == null ? null : new ProviderEvent.Key(update.provider(), update.eventKey());
        if (key != null && events.seen(key)) {
            return UpdateOutcome.DUPLICATE;
        }
        Optional<VideoMove> found = moves.findForUpdate(moveId).filter(m -> m.getState().active());
        UpdateOutcome outcome;
        if (found.isEmpty()) {
            outcome = UpdateOutcome.STALE;
        } else {
            VideoMove move = found.get();
            outcome = switch (update.state()) {
                case PROCESSING, MEDIA -> move.noteTarget(update.uploadId(), update.assetId(), update.media(), now)
                        ? UpdateOutcome.APPLIED : UpdateOutcome.UNCHANGED;
                case ERRORED, GONE -> {
                    move.noteTarget(update.uploadId(), update.assetId(), null, now);
                    move.fail("the new provider " + update.provider() + " failed: " + (update.errorReason() == null
                            ? (update.state() == com.yourbit.video.api.ProviderState.GONE ? "it dropped the copy" : "no reason given")
                            : update.errorReason()), now);
                    yield UpdateOutcome.APPLIED;
                }
                case READY -> throw new IllegalArgumentException("a ready report switches the video: VideoStatusService");
                // Caption tracks are reported to the captions (VideoService.applyUpdate), never routed here.
                case TRACK -> UpdateOutcome.UNCHANGED;
            };
        }
        if (key != null) {
            events.record(new ProviderEvent(key, found.map(VideoMove::getVideoId).orElse(null), outcome, now));
        }
        try {
            moves.flush();
        } catch (PersistenceException conflict) {
            throw new ConcurrentChangeException(conflict);
        }
        return outcome;
    }

    /** The video's captions were handed to its new provider. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void captionsMoved(String moveId) {
        Instant now = clock.instant();
        change(moveId, m -> m.captionsMoved(now));
    }

    /** The provider confirmed the delete of what the move left. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void disposed(String moveId) {
        Instant now = clock.instant();
        change(moveId, m -> m.disposed(now));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void disposeFailed(String moveId, String error, Duration wait) {
        Instant now = clock.instant();
        change(moveId, m -> m.disposeFailed(error, now.plus(wait), now));
    }

    /** Moves due for the worker: waiting ones, then up to {@code free} queued ones. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<VideoMove> due(int concurrency) {
        Instant now = clock.instant();
        List<VideoMove> due = new ArrayList<>(moves.due(List.of(MoveState.WAITING_FOR_SOURCE), now, concurrency));
        long free = concurrency - moves.working();
        if (free > 0) {
            due.addAll(moves.due(List.of(MoveState.QUEUED), now, (int) free));
        }
        return due;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<VideoMove> dueDisposals(int limit) {
        return moves.dueDisposals(clock.instant(), limit);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<VideoMove> ingestingSince(Instant startedBefore, int limit) {
        return moves.ingestingSince(startedBefore, limit);
    }

    public Optional<VideoMove> find(String moveId) {
        return moves.find(moveId);
    }

    private boolean changeActive(String moveId, Consumer<VideoMove> step) {
        Optional<VideoMove> move = moves.findForUpdate(moveId).filter(m -> m.getState().active());
        move.ifPresent(step);
        flush();
        return move.isPresent();
    }

    private void change(String moveId, Consumer<VideoMove> step) {
        moves.findForUpdate(moveId).ifPresent(step);
        flush();
    }

    private void flush() {
        try {
            moves.flush();
        } catch (PersistenceException conflict) {
            throw new ConcurrentChangeException(conflict);
        }
    }
}
