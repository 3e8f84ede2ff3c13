package com.yourbit.video.api.hosted;

import com.yourbit.video.api.UploadId;

import java.time.Instant;
import java.util.Map;

/**
 * The state of one upload as the store knows it.
 *
 * @param length the declared length, or {@link #DEFERRED} while the client has not said it
 *               yet (tus creation-defer-length)
 */
public record UploadInfo(UploadId uploadId, long length, long offset, Map<String, String> metadata,
                         Instant createdAt, Instant expiresAt) {

    public static final long DEFERRED = -1;

    public UploadInfo {
        metadata = Map.copyOf(metadata);
    }

    public boolean isLengthDeferred() {
        return length == DEFERRED;
    }

    public boolean isComplete() {
        return length != DEFERRED && offset == length;
    }

    /** An unfinished upload past its expiry no longer takes bytes and is removed by the sweep. */
    public boolean isExpired(Instant now) {
        return !isComplete() && expiresAt.isBefore(now);
    }
}
