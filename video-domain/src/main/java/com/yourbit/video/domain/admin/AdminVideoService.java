package com.yourbit.video.domain.admin;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.ProviderFailedException;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoPage;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.expiry.StaleUploadSweeper;
import com.yourbit.video.domain.expiry.SweepResult;
import com.yourbit.video.domain.videos.VideoService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;

/** What administrators may do across all users' videos. */
@Stateless
public class AdminVideoService {

    @Inject
    VideoRepository videos;

    @Inject
    ProviderRegistry registry;

    @Inject
    VideoService videoService;

    @Inject
    StaleUploadSweeper sweeper;

    @Inject
    VideoMetrics metrics;

    public VideoPage list(VideoStatus status, Instant createdBefore, String cursor, int limit) {
        return VideoPage.of(videos.pageAll(status, createdBefore, VideoPage.after(cursor), VideoPage.checkLimit(limit)), limit);
    }

    /**
     * Asks the video's provider for its true state and applies it: recovers a missed webhook.
     * A provider that has nothing new leaves the video as it is.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Video sync(VideoId id) {
        Video video = videos.find(id).orElseThrow(() -> new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video"));
        StatusLookup lookup = registry.capability(video, StatusLookup.class).orElseThrow(() -> new VideoException(
                ErrorCode.ILLEGAL_TRANSITION, "provider " + video.getProvider() + " cannot report a video's state"));
        Optional<ProviderUpdate> truth;
        try {
            truth = metrics.providerCall(video.getProvider(), "status-lookup", () -> lookup.lookup(video.ref()));
        } catch (ProviderUnavailableException e) {
            throw new ProviderFailedException(e);
        }
        truth.ifPresent(videoService::applyUpdate);
        return videos.find(id).orElseThrow(() -> new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video"));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SweepResult expireStale(Instant asOf) {
        return sweeper.sweep(asOf, VideoMetrics.SweepTrigger.ADMIN);
    }
}
