package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.domain.VideoMove;
import com.yourbit.video.domain.VideoMoveRepository;

import java.util.Optional;

/**
 * The active move a provider's report belongs to: one whose new provider sent it, naming the
 * moving video (passthrough) or the copy's upload or asset id. A report of the video's own
 * provider never belongs to a move, and one naming another upload of the new provider than
 * the copy's (e.g. left from an earlier stay there) neither. Read in the caller's transaction.
 */
final class MoveRoute {

    private MoveRoute() {
    }

    static Optional<VideoMove> of(VideoMoveRepository moves, ProviderUpdate update) {
        Optional<VideoMove> move = Optional.empty();
        if (update.videoId() != null) {
            move = moves.active(update.videoId())
                    .filter(m -> m.getTo().equals(update.provider()))
                    .filter(m -> namesTheCopy(m, update));
        }
        if (move.isEmpty()) {
            move = moves.activeByTarget(update.provider(), update.uploadId(), update.assetId());
        }
        return move;
    }

    private static boolean namesTheCopy(VideoMove move, ProviderUpdate update) {
        boolean otherUpload = update.uploadId() != null && move.getTargetUploadId() != null
                && !update.uploadId().equals(move.getTargetUploadId())
                && !update.uploadId().value().equals(move.getTargetAssetId() == null ? null : move.getTargetAssetId().value());
        boolean otherAsset = update.assetId() != null && move.getTargetAssetId() != null
                && !update.assetId().equals(move.getTargetAssetId());
        return !otherUpload && !otherAsset;
    }
}
