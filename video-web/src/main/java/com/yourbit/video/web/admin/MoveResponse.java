package com.yourbit.video.web.admin;

import com.yourbit.video.domain.VideoMove;

import java.time.Instant;
import java.util.Locale;

/**
 * One move as the administrator sees it: where it stands, why it failed, whether a switched
 * video's captions are still to be re-added at its new provider, and whether what the move left
 * at a provider (the old asset, or the unfinished copy) is deleted yet.
 */
public record MoveResponse(String id, String videoId, String batchId, String from, String to, String state,
                           String source, String reason, int attempts, Instant createdAt, Instant updatedAt,
                           Instant finishedAt, boolean captionsPending, String cleanup, String cleanupError) {

    static MoveResponse of(VideoMove m) {
        return new MoveResponse(m.getId(), m.getVideoId().value(), m.getBatchId(), m.getFrom().value(), m.getTo().value(),
                m.getState().wireName(), m.getSourceKind(), m.getReason(), m.getAttempts(), m.getCreatedAt(),
                m.getUpdatedAt(), m.getFinishedAt(), m.isCaptionsPending(), m.getDisposeState().name().toLowerCase(Locale.ROOT),
                m.getDisposeError());
    }
}
