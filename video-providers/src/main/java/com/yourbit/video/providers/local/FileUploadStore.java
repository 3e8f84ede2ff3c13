package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploads as files per upload id ({@link UploadFiles}), one request per upload at a time
 * ({@link UploadLocks}). Nothing about an upload is kept in memory between requests: every
 * request reads its state from the files under the lock, so with nodes sharing the directory
 * and the lock, any node reports the durable offset. Bytes are forced to disk before an offset is reported, so an
 * acknowledged offset survives a crash. A chunk with a checksum counts only once verified:
 * one that does not match, or that a crash interrupted, is rolled back.
 */
public class FileUploadStore implements Uploads {

    private static final int BUFFER = 1 << 20;

    private final UploadFiles files;
    private final UploadLocks locks;
    private final long maxSize;
    private final Clock clock;

    public FileUploadStore(Path dir, long maxSize, Clock clock) {
        this(dir, maxSize, clock, UploadLocks.RELEASE_WAIT);
    }

    FileUploadStore(Path dir, long maxSize, Clock clock, Duration releaseWait) {
        this(dir, maxSize, clock, new UploadLocks(releaseWait));
    }

    /** Uploads in a directory other nodes may share, with the lock they share ({@link ClusterUploadLocks}). */
    FileUploadStore(Path dir, long maxSize, Clock clock, UploadLocks locks) {
        this.locks = locks;
        this.maxSize = maxSize;
        this.clock = clock;
        try {
            this.files = new UploadFiles(dir);
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "upload storage is not available", e);
        }
    }

    @Override
    public long maxSize() {
        return maxSize;
    }

    /** Who holds which upload, and the bodies being read (to stop slow writers). */
    @Override
    public UploadLocks locks() {
        return locks;
    }

    @Override
    public UploadInfo create(String id, long length, Map<String, String> metadata, Instant expiresAt) {
        if (length > maxSize) {
            throw tooLarge();
        }
        try (UploadLocks.Held held = locks.acquire(id)) {
            Optional<UploadInfo> existing = find(id);
            if (existing.isPresent()) {
                if (existing.get().length() != length) {
                    throw new UploadStoreException(ErrorCode.UPLOAD_CONFLICT, "this upload was already created with another length");
                }
                return existing.get();
            }
            files.create(id, length, metadata, clock.instant(), expiresAt);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload could not be created", e);
        }
    }

    @Override
    public Optional<UploadInfo> find(String id) {
        try {
            return Optional.of(files.read(id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload's state could not be read", e);
        }
    }

    /**
     * The upload once no other request is using it: a request still writing it is asked to
     * stop first, so the offset counts every byte the server received (a client resuming after
     * a broken connection asks with HEAD before the server has noticed the break).
     */
    @Override
    public Optional<UploadInfo> findWhenIdle(String id) {
        try (UploadLocks.Held held = locks.acquire(id)) {
            return find(id);
        }
    }

    @Override
    public UploadInfo append(String id, Chunk chunk, InputStream body) {
        try (UploadLocks.Held held = locks.acquire(id)) {
            files.rollBackUnverified(id);
            UploadInfo info = find(id).orElseThrow(() -> new UploadStoreException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload"));
            if (info.isExpired(clock.instant())) {
                throw new UploadStoreException(ErrorCode.UPLOAD_EXPIRED, "the upload expired at " + info.expiresAt());
            }
            if (info.offset() != chunk.offset()) {
                throw new UploadStoreException(ErrorCode.MISMATCHED_OFFSET,
                        "Upload-Offset " + chunk.offset() + " does not match the upload's offset " + info.offset());
            }
            if (chunk.declaredLength().isPresent()) {
                info = declareLength(id, info, chunk.declaredLength().get());
            }
            write(id, info, chunk, body);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the bytes could not be stored", e);
        }
    }

    private UploadInfo declareLength(String id, UploadInfo info, long length) throws IOException {
        if (!info.isLengthDeferred()) {
            if (info.length() != length) {
                throw new UploadStoreException(ErrorCode.UPLOAD_CONFLICT, "the upload's length is already " + info.length());
            }
            return info;
        }
        if (length > maxSize) {
            throw tooLarge();
        }
        if (length < info.offset()) {
            throw new UploadStoreException(ErrorCode.UPLOAD_CONFLICT, "Upload-Length is below the bytes already received");
        }
        files.declareLength(id, length);
        return find(id).orElseThrow();
    }

    private void write(String id, UploadInfo info, Chunk chunk, InputStream body) throws IOException {
        long start = info.offset();
        // A deferred length is bounded by the maximum size instead; a chunk of a stated size by that.
        long remaining = Math.min((info.isLengthDeferred() ? maxSize : info.length()) - start,
                chunk.size().orElse(Long.MAX_VALUE));
        MessageDigest digest = chunk.checksum().map(FileUploadStore::digestFor).orElse(null);
        if (digest != null) {
            files.markUnverified(id, start);
        }
        boolean exceeded = false;
        IOException readFailure = null;
        ReleasableBody releasable = locks.startReading(id, body);
        try (DurableAppender out = DurableAppender.open(files.data(id), start)) {
            byte[] buffer = new byte[BUFFER];
            try {
                while (true) {
                    int n = releasable.read(buffer, (int) Math.min(buffer.length, Math.max(remaining, 1)));
                    if (n < 0) {
                        break;
                    }
                    if (remaining == 0) {
                        exceeded = true;
                        break;
                    }
                    int take = (int) Math.min(n, remaining);
                    out.append(buffer, 0, take);
                    if (digest != null) {
                        digest.update(buffer, 0, take);
                    }
                    remaining -= take;
                    if (take < n) {
                        exceeded = true;
                        break;
                    }
                }
            } catch (IOException clientGone) {
                readFailure = clientGone;
            }
            boolean pastItsSize = exceeded && chunk.size().isPresent();
            if (pastItsSize || digest != null && (readFailure != null || exceeded
                    || !MessageDigest.isEqual(digest.digest(), chunk.checksum().get().digest()))) {
                // An unverifiable chunk is discarded whole: the client sends it again. So is one
                // whose body runs past the size it stated: the client is not sending what it says.
                out.discardFrom(start);
                files.clearUnverified(id);
                throw pastItsSize
                        ? new UploadStoreException(ErrorCode.INVALID_CONTENT_RANGE,
                                "the body is longer than the chunk it was sent as; none of it was stored")
                        : readFailure != null
                        ? new UploadStoreException(ErrorCode.BODY_INTERRUPTED, "the request body ended early; the chunk was discarded", readFailure)
                        : exceeded
                        ? new UploadStoreException(ErrorCode.UPLOAD_SIZE_EXCEEDED, "the body is longer than the upload's remaining length")
                        : new UploadStoreException(ErrorCode.CHECKSUM_MISMATCH, "the chunk does not match its Upload-Checksum; it was discarded");
            }
            // What arrived is kept: the client resumes from it.
            out.finish();
        } finally {
            locks.stopReading(id, releasable);
        }
        if (digest != null) {
            files.clearUnverified(id);
        }
        if (exceeded) {
            throw info.isLengthDeferred() ? tooLarge()
                    : new UploadStoreException(ErrorCode.UPLOAD_SIZE_EXCEEDED, "the body is longer than the upload's remaining length");
        }
        if (readFailure != null) {
            throw new UploadStoreException(ErrorCode.BODY_INTERRUPTED, "the request body ended early", readFailure);
        }
    }

    @Override
    public void terminate(String id) {
        try (UploadLocks.Held held = locks.acquire(id)) {
            files.delete(id);
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload could not be deleted", e);
        }
    }

    /**
     * Removes every unfinished upload whose expiry has passed, except ones being written
     * right now, and returns their ids.
     */
    @Override
    public List<String> removeExpired() {
        Instant now = clock.instant();
        try {
            return locks.removeExpired(files.ids(), id -> {
                Optional<UploadInfo> info = find(id);
                if (info.isEmpty() || !info.get().isExpired(now)) {
                    return false;
                }
                files.delete(id);
                return true;
            });
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload directory could not be swept", e);
        }
    }

    @Override
    public Optional<MediaFile> original(String id) {
        return find(id).filter(UploadInfo::isComplete).map(info -> new MediaFile(data(id),
                LocalHostedMedia.ContentTypes.sniff(data(id), info.metadata().get("filetype")), info.length()));
    }

    /** The file holding the bytes of an upload. */
    @Override
    public Path data(String id) {
        return files.data(id);
    }

    private UploadStoreException tooLarge() {
        return new UploadStoreException(ErrorCode.UPLOAD_TOO_LARGE, "the upload is larger than the maximum of " + maxSize + " bytes");
    }

    private static MessageDigest digestFor(ChunkChecksum checksum) {
        try {
            return MessageDigest.getInstance(checksum.javaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
