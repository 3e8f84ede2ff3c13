package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.domain.VideoMoveRepository;

import java.util.Objects;
import java.util.Set;

/**
 * Which providers active moves go to, read once by a batch of reports
 * ({@link VideoStatusService#applyAllOrRoute}) at its first report that matches no video, so
 * that a report of a provider no move goes to reads no move of its own. A report applied
 * alone reads its move itself ({@link #eachItsOwn}).
 */
final class MoveTargets {

    /** Null for a report alone: every provider may then be a move's target. */
    private final VideoMoveRepository moves;
    private Set<ProviderName> targets;

    private MoveTargets(VideoMoveRepository moves) {
        this.moves = moves;
    }

    static MoveTargets eachItsOwn() {
        return new MoveTargets(null);
    }

    static MoveTargets readOnce(VideoMoveRepository moves) {
        return new MoveTargets(Objects.requireNonNull(moves));
    }

    /** False when no active move goes to this provider: its report belongs to none. */
    boolean mayBelongToAMove(ProviderName provider) {
        Objects.requireNonNull(provider);
        if (moves == null) {
            return true;
        }
        if (targets == null) {
            targets = moves.activeTargets();
        }
        return targets.contains(provider);
    }
}
