package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ProviderUpdate;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Durable, resumable storage of uploads by upload id. An offset is acknowledged only once
 * its bytes are on disk. All failures are {@link UploadStoreException}s with a reason.
 */
public interface UploadStore {

    /** The largest upload accepted, in bytes. */
    long maxSize();

    /**
     * Creates the upload; creating it again with the same length is a no-op, so a client
     * may retry its creation request.
     */
    UploadInfo create(String uploadId, long length, Map<String, String> metadata);

    Optional<UploadInfo> find(String uploadId);

    /**
     * Appends the body at {@code offset}, which must equal the current offset. At most
     * {@code length - offset} bytes are taken; a body that is longer fails with
     * {@link UploadStoreException.Reason#EXCEEDS_LENGTH} after the bytes that fit are kept.
     * A concurrent append on the same upload fails with {@link UploadStoreException.Reason#LOCKED}.
     */
    UploadInfo append(String uploadId, long offset, InputStream body);

    /** Deletes the upload and its bytes. */
    void terminate(String uploadId);

    /**
     * Examines a complete upload and says what became of it: ready (with duration and
     * dimensions) or errored (not a video). Deterministic, so it may be called again.
     */
    ProviderUpdate complete(String uploadId);

    /** The name of the upload id syntax check, so callers refuse bad ids before any I/O. */
    static boolean isWellFormedId(String uploadId) {
        return uploadId != null && uploadId.matches("[A-Za-z0-9_-]{20,64}");
    }
}
