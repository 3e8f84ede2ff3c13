package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable, resumable storage of uploads by upload id. An offset is acknowledged only once
 * its bytes are on disk. All failures are {@link UploadStoreException}s with an {@link ErrorCode}.
 */
public interface UploadStore {

    /** The provider whose uploads these are: the videos that hold them are its videos. */
    ProviderName provider();

    /** The largest upload accepted, in bytes. */
    long maxSize();

    /** Origins whose pages may upload and play cross-origin; {@code *} allows any. */
    List<String> allowedOrigins();

    /**
     * Creates the upload; creating it again with the same length is a no-op, so a client
     * may retry its creation request.
     *
     * @param length the length in bytes, or {@link UploadInfo#DEFERRED} when the client
     *               declares it later
     * @param expiresAt when an unfinished upload stops taking bytes and is removed
     */
    UploadInfo create(UploadId uploadId, long length, Map<String, String> metadata, Instant expiresAt);

    Optional<UploadInfo> find(UploadId uploadId);

    /**
     * The upload once no other request is using it: a request still receiving bytes for it
     * is asked to stop (it keeps what it received) and awaited, as tusd does, so a client that
     * resumes after a broken connection learns the offset of every byte the server got.
     * {@link ErrorCode#UPLOAD_LOCKED} when the upload does not come free in time.
     */
    Optional<UploadInfo> findWhenIdle(UploadId uploadId);

    /**
     * Appends the body at {@code chunk.offset()}, which must equal the current offset. At
     * most the remaining length is taken; a longer body fails with
     * {@link ErrorCode#UPLOAD_SIZE_EXCEEDED} after the bytes that fit are kept.
     * With a checksum, the bytes are kept only when the whole body matches it
     * ({@link ErrorCode#CHECKSUM_MISMATCH} otherwise, nothing kept).
     * Bytes never interleave: a request still appending to the upload is asked to stop first
     * (see {@link #findWhenIdle}); {@link ErrorCode#UPLOAD_LOCKED} when it does not
     * in time.
     */
    UploadInfo append(UploadId uploadId, Chunk chunk, InputStream body);

    /** Deletes the upload and its bytes. */
    void terminate(UploadId uploadId);

    /**
     * Starts processing a complete upload in the background and answers at once with a
     * {@link com.yourbit.video.api.ProviderState#PROCESSING} update. The outcome (ready, or
     * errored when the file is not a video) is reported later through the provider's
     * {@link com.yourbit.video.api.UpdateReporter} connection. Idempotent: calling it again
     * for an upload already being processed starts nothing new.
     */
    ProviderUpdate complete(UploadId uploadId);

    /** What the ids of uploads the server fills itself (downloads from a URL) begin with. */
    String SERVER_FILLED_PREFIX = "url_";

    /**
     * Whether the server fills this upload itself (a download from a URL): no client may
     * write, resume or end it, whoever learns its id. Such ids are the prefix and a 43-character
     * token, where a client's upload token is the token alone.
     */
    static boolean isServerFilled(UploadId uploadId) {
        return uploadId.value().startsWith(SERVER_FILLED_PREFIX) && uploadId.value().length() == SERVER_FILLED_PREFIX.length() + 43;
    }

    /** The name of the upload id syntax check, so callers refuse bad ids before any I/O. */
    static boolean isWellFormedId(UploadId uploadId) {
        return uploadId != null && uploadId.value().matches("[A-Za-z0-9_-]{20,64}");
    }
}
