package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.limits.LimitExceededException;
import com.yourbit.video.domain.upload.UploadVideos;
import com.yourbit.video.domain.upload.UploadingVideo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Videos and their declared upload bytes in memory, with a per-user quota of bytes. */
final class FakeUploadVideos implements UploadVideos {

    private final Map<UploadId, UploadingVideo> videos = new HashMap<>();
    final Map<VideoId, Long> declared = new HashMap<>();
    final List<ProviderUpdate> updates = new ArrayList<>();
    long quota = Long.MAX_VALUE;
    int lookups;

    void add(UploadId upload, VideoId videoId, VideoStatus status, Instant uploadExpiresAt) {
        videos.put(upload, new UploadingVideo(videoId, status, uploadExpiresAt));
    }

    void setStatus(UploadId upload, VideoStatus status) {
        UploadingVideo video = videos.get(upload);
        videos.put(upload, new UploadingVideo(video.id(), status, video.uploadExpiresAt()));
    }

    @Override
    public Optional<UploadingVideo> byUpload(ProviderName provider, UploadId upload) {
        lookups++;
        return provider.equals(InMemoryUploadStore.PROVIDER) ? Optional.ofNullable(videos.get(upload)) : Optional.empty();
    }

    @Override
    public void applyUpdate(ProviderUpdate update) {
        updates.add(update);
    }

    @Override
    public void declareUpload(VideoId videoId, long length) {
        if (length > quota) {
            throw new LimitExceededException(ErrorCode.UPLOAD_QUOTA_EXCEEDED, "over the quota", Duration.ofSeconds(30));
        }
        declared.put(videoId, length);
    }

    @Override
    public void recordDeclared(VideoId videoId, Long length) {
        declared.put(videoId, length);
    }
}
