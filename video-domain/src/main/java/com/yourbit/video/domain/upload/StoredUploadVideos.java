package com.yourbit.video.domain.upload;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.limits.UserLimitGate;
import com.yourbit.video.domain.videos.VideoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** {@link UploadVideos} over the stored videos ({@link VideoService}) and the per-user limits ({@link UserLimitGate}). */
@ApplicationScoped
public class StoredUploadVideos implements UploadVideos {

    @Inject
    VideoService videos;

    @Inject
    UserLimitGate limits;

    @Override
    public Optional<UploadingVideo> byUpload(ProviderName provider, UploadId upload) {
        return videos.findByUpload(provider, upload)
                .map(video -> new UploadingVideo(video.id(), video.getStatus(), video.getUploadExpiresAt()));
    }

    @Override
    public void applyUpdate(ProviderUpdate update) {
        videos.applyUpdate(update);
    }

    @Override
    public void declareUpload(VideoId videoId, long length) {
        limits.declareUpload(videoId, length);
    }

    @Override
    public void recordDeclared(VideoId videoId, Long length) {
        limits.recordDeclared(videoId, length);
    }
}
