package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.domain.ProviderEventRepository;
import com.yourbit.video.domain.VideoMoveRepository;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a batch of reports ({@link VideoStatusService#applyAllOrRoute}) reads once for all,
 * in its own transaction, instead of once per report: which of their event keys are recorded
 * already (read at the start, the rows kept in the persistence context) and, at the first report that
 * matches no video, which providers active moves go to. A report applied alone reads each
 * itself ({@link #eachItsOwn}).
 */
final class BatchReads {

    /** Event keys known not to be recorded: looked for at the batch's start, not recorded by it since. */
    private final Set<ProviderEvent.Key> unrecorded;
    /** Null for a report alone: every provider may then be a move's target. */
    private final VideoMoveRepository moves;
    /** Read at the first report that needs it: a batch whose reports all match videos reads no move. */
    private Set<ProviderName> moveTargets;

    private BatchReads(Set<ProviderEvent.Key> unrecorded, VideoMoveRepository moves) {
        this.unrecorded = unrecorded;
        this.moves = moves;
    }

    static BatchReads eachItsOwn() {
        return new BatchReads(new HashSet<>(), null);
    }

    static BatchReads of(List<VideoStatusService.Report> reports, ProviderEventRepository events, VideoMoveRepository moves) {
        Set<ProviderEvent.Key> keys = new HashSet<>();
        for (VideoStatusService.Report report : reports) {
            if (report.update().eventKey() != null) {
                keys.add(new ProviderEvent.Key(report.update().provider(), report.update().eventKey()));
            }
        }
        if (!keys.isEmpty()) {
            events.findAll(keys).forEach(recorded -> keys.remove(recorded.getKey()));
        }
        return new BatchReads(keys, Objects.requireNonNull(moves));
    }

    /** False when the key is known not to be recorded, so that looking it up can be skipped. */
    boolean mayBeRecorded(ProviderEvent.Key key) {
        return !unrecorded.contains(key);
    }

    /** The key was recorded in this transaction: a repeat in the same batch must find it. */
    void recorded(ProviderEvent.Key key) {
        unrecorded.remove(key);
    }

    /** False when no active move goes to this provider: its report belongs to none. */
    boolean mayBelongToAMove(ProviderName provider) {
        Objects.requireNonNull(provider);
        if (moves == null) {
            return true;
        }
        if (moveTargets == null) {
            moveTargets = moves.activeTargets();
        }
        return moveTargets.contains(provider);
    }
}
