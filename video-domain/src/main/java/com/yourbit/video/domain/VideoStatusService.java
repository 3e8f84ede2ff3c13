package com.yourbit.video.domain;

import com.yourbit.video.api.ProviderUpdate;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one place where a video's status changes. Each call is its own transaction; the
 * video's version column makes a concurrent change fail instead of being lost, and
 * {@link VideoService#applyUpdate} retries such a call on fresh data.
 */
@Stateless
public class VideoStatusService {

    private static final Logger LOG = Logger.getLogger(VideoStatusService.class.getName());

    @Inject
    VideoRepository videos;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UpdateOutcome apply(ProviderUpdate update) {
        Instant now = clock.instant();
        ProviderEvent.Key key = update.eventKey() == null ? null
                : new ProviderEvent.Key(update.provider().value(), update.eventKey());
        if (key != null && videos.eventSeen(key)) {
            return UpdateOutcome.DUPLICATE;
        }
        Optional<Video> match = match(update);
        UpdateOutcome outcome;
        if (match.isEmpty()) {
            outcome = UpdateOutcome.UNKNOWN_VIDEO;
            LOG.info(() -> "update from " + update.provider() + " for an unknown video (upload "
                    + update.uploadId() + ", asset " + update.extId() + "), recorded");
        } else {
            Video video = match.get();
            try {
                outcome = video.apply(update, now);
            } catch (IllegalTransitionException refused) {
                outcome = UpdateOutcome.STALE;
                LOG.info(() -> "update " + update.state() + " from " + update.provider() + " for video "
                        + video.getId() + " not applied: " + refused.getMessage());
            }
        }
        if (key != null) {
            videos.recordEvent(new ProviderEvent(key, match.map(Video::getId).orElse(null), outcome, now));
        }
        videos.flush();
        return outcome;
    }

    /** Keeps what became of a webhook delivery, whatever happens to the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordReceipt(WebhookReceipt receipt) {
        videos.recordReceipt(receipt);
    }

    /** Stores a new video, in its own short transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void register(Video video) {
        videos.insert(video);
    }

    /** Expires a video whose upload went stale; false when it is no longer preparing. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean expire(String videoId) {
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty() || video.get().getStatus() != VideoStatus.PREPARING) {
            return false;
        }
        boolean changed = video.get().expire(clock.instant());
        videos.flush();
        return changed;
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
        return update.extId() == null ? Optional.empty() : videos.findByExtId(update.provider(), update.extId());
    }
}
