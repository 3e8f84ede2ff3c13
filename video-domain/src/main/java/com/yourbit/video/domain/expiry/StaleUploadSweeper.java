package com.yourbit.video.domain.expiry;

import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoService;
import com.yourbit.video.domain.VideoStatusService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One sweep over stale uploads, in bounded batches walked by keyset (deadline, id), so no
 * video is loaded twice and none is loaded before it is due. Each video is its own
 * transaction (through {@link VideoStatusService}); the sweep is idempotent and safe to
 * run on several nodes at once: a video already expired elsewhere is simply not changed.
 */
@Stateless
public class StaleUploadSweeper {

    private static final Logger LOG = Logger.getLogger(StaleUploadSweeper.class.getName());

    @Inject
    VideoRepository videos;

    @Inject
    ProviderRegistry registry;

    @Inject
    VideoService videoService;

    @Inject
    VideoStatusService statusService;

    @Inject
    Config config;

    /** Sweeps videos whose deadline plus {@code video.expiry.after} is before {@code asOf}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SweepResult sweep(Instant asOf) {
        ExpirySettings settings = ExpirySettings.from(config);
        Instant cutoff = asOf.minus(settings.after());
        int examined = 0;
        int expired = 0;
        int recovered = 0;
        int retry = 0;
        Instant afterDeadline = null;
        String afterId = null;
        while (examined < settings.maxPerSweep()) {
            List<Video> batch = videos.stale(cutoff, afterDeadline, afterId, settings.batchSize());
            for (Video video : batch) {
                examined++;
                SweepDecision done = handle(video, settings, asOf);
                if (done == SweepDecision.APPLY_PROVIDER_STATE) {
                    recovered++;
                } else if (done == SweepDecision.EXPIRE) {
                    expired++;
                } else if (done == SweepDecision.RETRY_LATER) {
                    retry++;
                }
            }
            if (batch.size() < settings.batchSize()) {
                break;
            }
            Video last = batch.get(batch.size() - 1);
            afterDeadline = last.getUploadExpiresAt();
            afterId = last.getId();
        }
        SweepResult result = new SweepResult(examined, expired, recovered, retry);
        if (examined > 0) {
            LOG.info(() -> "stale-upload sweep: " + result);
        }
        return result;
    }

    /** What was done, or {@code null} when the video changed meanwhile and nothing was. */
    private SweepDecision handle(Video video, ExpirySettings settings, Instant now) {
        Optional<ProviderUpdate> answer = Optional.empty();
        boolean failed = false;
        Optional<StatusLookup> lookup = registry.capability(video, StatusLookup.class);
        if (lookup.isPresent()) {
            try {
                answer = lookup.get().lookup(video.ref());
            } catch (ProviderUnavailableException e) {
                failed = true;
                LOG.warning(() -> "cannot ask " + video.getProvider() + " about stale video " + video.getId()
                        + " (" + e.getMessage() + "); retrying next sweep");
            }
        }
        SweepDecision decision = SweepDecision.decide(answer, failed, video.getUploadExpiresAt(), settings.giveUpAfter(), now);
        switch (decision) {
            case APPLY_PROVIDER_STATE -> videoService.applyUpdate(answer.get());
            case EXPIRE -> {
                if (!expire(video)) {
                    return null; // changed meanwhile (a webhook, another node): nothing to count
                }
                cancelAtProvider(video);
            }
            case RETRY_LATER -> { }
        }
        return decision;
    }

    /** False when the video changed meanwhile, e.g. another node's sweep expired it first. */
    private boolean expire(Video video) {
        try {
            return statusService.expire(video.getId());
        } catch (jakarta.ejb.EJBException concurrentChange) {
            LOG.fine(() -> "video " + video.getId() + " changed while expiring it; left as it is");
            return false;
        }
    }

    /** Best effort: a provider's own upload timeout ends the upload if this call fails. */
    private void cancelAtProvider(Video video) {
        try {
            registry.capability(video, UploadDisposal.class).ifPresent(d -> d.dispose(video.ref()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "expired video " + video.getId() + " but could not cancel its upload at "
                    + video.getProvider() + ": " + e.getMessage());
        }
    }
}
