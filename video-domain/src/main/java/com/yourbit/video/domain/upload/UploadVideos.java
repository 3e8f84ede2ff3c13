package com.yourbit.video.domain.upload;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.limits.LimitExceededException;

import java.util.Optional;

/** What the upload path needs of the videos and of the user's limits. */
public interface UploadVideos {

    /** The video that holds the provider's upload, if any. */
    Optional<UploadingVideo> byUpload(ProviderName provider, UploadId upload);

    /** A provider's report, through the single status-change method. */
    void applyUpdate(ProviderUpdate update);

    /**
     * The video's upload declares {@code length} bytes; {@link LimitExceededException} when the
     * user's unfinished uploads would exceed their limit with it.
     */
    void declareUpload(VideoId videoId, long length);

    /** What the store holds for the video, without a check ({@code null}: no upload). */
    void recordDeclared(VideoId videoId, Long length);
}
