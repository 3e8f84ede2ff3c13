package com.yourbit.video.api.hosted;

import java.time.Instant;
import java.util.Map;

/** The state of one upload as the store knows it. */
public record UploadInfo(String uploadId, long length, long offset, Map<String, String> metadata,
                         Instant createdAt, Instant expiresAt) {

    public UploadInfo {
        metadata = Map.copyOf(metadata);
    }

    public boolean isComplete() {
        return offset == length;
    }
}
