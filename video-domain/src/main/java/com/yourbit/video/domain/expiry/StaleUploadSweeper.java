package com.yourbit.video.domain.expiry;

import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.domain.videos.VideoStatusService;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One sweep over stale uploads, in bounded batches walked by keyset (deadline, id), so no
 * video is loaded twice and none is loaded before it is due. Per batch: providers are asked
 * outside any transaction, then the videos to expire are expired together in one
 * transaction ({@link VideoStatusService#expireAll}), each only if still at the version
 * read; if any changed meanwhile, that batch falls back to one transaction per video. Then
 * their uploads are cancelled at the provider. Idempotent and safe on several nodes at
 * once: a video already changed elsewhere is simply not changed again.
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

    @Inject
    VideoMetrics metrics;

    /** Sweeps videos whose deadline plus {@code video.expiry.after} is before {@code asOf}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SweepResult sweep(Instant asOf, VideoMetrics.SweepTrigger trigger) {
        ExpirySettings settings = ExpirySettings.from(config);
        if (settings.batchSize() < 1 || settings.maxPerSweep() < 1) {
            // A batch of none would never advance the keyset: refuse instead of looping.
            throw new IllegalStateException("video.expiry.batch-size and video.expiry.max-per-sweep must be at least 1"
                    + " (they are " + settings.batchSize() + " and " + settings.maxPerSweep() + "); nothing was swept");
        }
        Instant cutoff = asOf.minus(settings.after());
        SweepProgress progress = new SweepProgress();
        long start = System.nanoTime();
        Instant afterDeadline = null;
        VideoId afterId = null;
        while (progress.examined < settings.maxPerSweep()) {
            long read = System.nanoTime();
            List<Video> batch = videos.stale(cutoff, afterDeadline, afterId, settings.batchSize());
            progress.readNanos += System.nanoTime() - read;
            List<Video> toExpire = new ArrayList<>();
            for (Video video : batch) {
                progress.examined++;
                if (decide(video, settings, asOf, progress) == SweepDecision.EXPIRE) {
                    toExpire.add(video);
                }
            }
            long expiring = System.nanoTime();
            List<Video> expired = expire(toExpire);
            progress.expiryNanos += System.nanoTime() - expiring;
            progress.expired += expired.size();
            long cancelling = System.nanoTime();
            expired.forEach(this::cancelAtProvider);
            progress.cancelNanos += System.nanoTime() - cancelling;
            if (batch.size() < settings.batchSize()) {
                break;
            }
            Video last = batch.get(batch.size() - 1);
            afterDeadline = last.getUploadExpiresAt();
            afterId = last.id();
        }
        SweepResult result = progress.result(System.nanoTime() - start);
        metrics.sweepFinished(trigger, result.expired(), result.recovered());
        if (result.examined() > 0) {
            LOG.info(() -> "stale-upload sweep: " + result);
        }
        return result;
    }

    /** Asks the provider (outside any transaction) and applies a finished state it reports. */
    private SweepDecision decide(Video video, ExpirySettings settings, Instant now, SweepProgress progress) {
        Optional<ProviderUpdate> answer = Optional.empty();
        boolean failed = false;
        Optional<StatusLookup> lookup = registry.capability(video, StatusLookup.class);
        if (lookup.isPresent()) {
            long asking = System.nanoTime();
            try {
                answer = metrics.providerCall(video.getProvider(), "status-lookup", () -> lookup.get().lookup(video.ref()));
            } catch (ProviderUnavailableException e) {
                failed = true;
                LOG.warning(() -> "cannot ask " + video.getProvider() + " about stale video " + video.getId()
                        + " (" + e.getMessage() + "); retrying next sweep");
            } catch (RuntimeException e) {
                // One answer the provider code cannot read must not stop the sweep for all others.
                failed = true;
                LOG.log(Level.WARNING, e, () -> "asking " + video.getProvider() + " about stale video " + video.getId()
                        + " failed; retrying next sweep");
            } finally {
                progress.lookupNanos += System.nanoTime() - asking;
            }
        }
        SweepDecision decision = SweepDecision.decide(answer, failed, video.getUploadExpiresAt(), settings.giveUpAfter(), now);
        if (decision == SweepDecision.APPLY_PROVIDER_STATE) {
            videoService.applyUpdate(answer.get());
            progress.recovered++;
        } else if (decision == SweepDecision.RETRY_LATER) {
            progress.retry++;
        }
        return decision;
    }

    /** The videos that became expired: all in one transaction, else those still unchanged one by one. */
    private List<Video> expire(List<Video> stale) {
        if (stale.isEmpty()) {
            return stale;
        }
        Map<VideoId, Long> versions = new LinkedHashMap<>();
        stale.forEach(v -> versions.put(v.id(), v.getVersion()));
        // in deadline order, as read
        Instant first = stale.get(0).getUploadExpiresAt();
        Instant last = stale.get(stale.size() - 1).getUploadExpiresAt();
        try {
            if (statusService.expireAll(versions, first, last)) {
                // Committed in bulk: counted here, where the videos' providers are known.
                stale.stream().collect(Collectors.groupingBy(Video::getProvider, Collectors.summingInt(v -> 1)))
                        .forEach((provider, n) -> metrics.statusChanged(provider, VideoStatus.PREPARING, VideoStatus.EXPIRED, n));
                return stale;
            }
            LOG.fine(() -> "a video of a stale batch changed meanwhile; expiring that batch one by one");
        } catch (EJBException e) {
            // e.g. a deadlock with another node's sweep over the same rows: rolled back, go one by one
            LOG.log(Level.FINE, "expiring a stale batch together failed; expiring it one by one", e);
        }
        List<Video> expired = new ArrayList<>();
        for (Video video : stale) {
            if (expireOne(video)) {
                expired.add(video);
            }
        }
        return expired;
    }

    /** False when the video changed meanwhile, e.g. another node's sweep expired it first. */
    private boolean expireOne(Video video) {
        try {
            return statusService.expire(video.id(), video.getVersion());
        } catch (EJBException concurrentChange) {
            LOG.fine(() -> "video " + video.getId() + " changed while expiring it; left as it is");
            return false;
        }
    }

    /** Best effort: a provider's own upload timeout ends the upload if this call fails. */
    private void cancelAtProvider(Video video) {
        try {
            registry.capability(video, UploadDisposal.class).ifPresent(d ->
                    metrics.providerCall(video.getProvider(), "dispose", () -> d.dispose(video.ref())));
        } catch (RuntimeException e) {
            LOG.warning(() -> "expired video " + video.getId() + " but could not cancel its upload at "
                    + video.getProvider() + ": " + e.getMessage());
        }
    }
}
