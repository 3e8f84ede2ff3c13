package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.api.hosted.UploadStoreException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link UploadStore} in memory with the refusals of the file store (as tusd's handler
 * tests use a mock store): offsets, lengths, chunk sizes, checksums, expiry, and uploads a test
 * marks as held by another request.
 */
final class InMemoryUploadStore implements UploadStore {

    static final ProviderName PROVIDER = ProviderName.of("local");

    private record Upload(long length, ByteArrayOutputStream bytes, Map<String, String> metadata,
                          Instant createdAt, Instant expiresAt) {
    }

    private final long maxSize;
    private final Clock clock;
    private final Map<UploadId, Upload> uploads = new HashMap<>();
    final Set<UploadId> locked = new HashSet<>();
    int appends;
    int completions;

    InMemoryUploadStore(long maxSize, Clock clock) {
        this.maxSize = maxSize;
        this.clock = clock;
    }

    @Override
    public ProviderName provider() {
        return PROVIDER;
    }

    @Override
    public long maxSize() {
        return maxSize;
    }

    @Override
    public List<String> allowedOrigins() {
        return List.of();
    }

    @Override
    public UploadInfo create(UploadId id, long length, Map<String, String> metadata, Instant expiresAt) {
        if (length > maxSize) {
            throw new UploadStoreException(ErrorCode.UPLOAD_TOO_LARGE, "too large");
        }
        Upload existing = uploads.get(id);
        if (existing != null) {
            if (existing.length() != length) {
                throw new UploadStoreException(ErrorCode.UPLOAD_CONFLICT, "another length");
            }
            return info(id, existing);
        }
        uploads.put(id, new Upload(length, new ByteArrayOutputStream(), metadata, clock.instant(), expiresAt));
        return find(id).orElseThrow();
    }

    @Override
    public Optional<UploadInfo> find(UploadId id) {
        return Optional.ofNullable(uploads.get(id)).map(upload -> info(id, upload));
    }

    @Override
    public Optional<UploadInfo> findWhenIdle(UploadId id) {
        requireFree(id);
        return find(id);
    }

    @Override
    public UploadInfo append(UploadId id, Chunk chunk, InputStream body) {
        requireFree(id);
        Upload upload = uploads.get(id);
        if (upload == null) {
            throw new UploadStoreException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
        UploadInfo info = info(id, upload);
        if (info.isExpired(clock.instant())) {
            throw new UploadStoreException(ErrorCode.UPLOAD_EXPIRED, "expired");
        }
        if (info.offset() != chunk.offset()) {
            throw new UploadStoreException(ErrorCode.MISMATCHED_OFFSET, "offset " + info.offset());
        }
        if (chunk.declaredLength().isPresent() && upload.length() == UploadInfo.DEFERRED) {
            upload = new Upload(chunk.declaredLength().get(), upload.bytes(), upload.metadata(), upload.createdAt(),
                    upload.expiresAt());
            uploads.put(id, upload);
        }
        byte[] bytes = read(body);
        long room = (upload.length() == UploadInfo.DEFERRED ? maxSize : upload.length()) - info.offset();
        if (chunk.size().isPresent() && bytes.length > chunk.size().getAsLong()) {
            throw new UploadStoreException(ErrorCode.INVALID_CONTENT_RANGE, "longer than its chunk");
        }
        if (chunk.checksum().isPresent() && !MessageDigest.isEqual(digest(chunk.checksum().get().javaName(), bytes),
                chunk.checksum().get().digest())) {
            throw new UploadStoreException(ErrorCode.CHECKSUM_MISMATCH, "checksum mismatch");
        }
        appends++;
        upload.bytes().write(bytes, 0, (int) Math.min(bytes.length, room));
        if (bytes.length > room) {
            throw new UploadStoreException(ErrorCode.UPLOAD_SIZE_EXCEEDED, "longer than the upload");
        }
        return find(id).orElseThrow();
    }

    @Override
    public void terminate(UploadId id) {
        requireFree(id);
        uploads.remove(id);
    }

    @Override
    public ProviderUpdate complete(UploadId id) {
        find(id).filter(UploadInfo::isComplete)
                .orElseThrow(() -> new UploadStoreException(ErrorCode.UPLOAD_NOT_FOUND, "no complete upload"));
        completions++;
        return ProviderUpdate.from(PROVIDER).event(EventKey.of("upload-complete:" + id)).upload(id)
                .processing(clock.instant());
    }

    /** The bytes the upload holds. */
    byte[] bytes(UploadId id) {
        return uploads.get(id).bytes().toByteArray();
    }

    private void requireFree(UploadId id) {
        if (locked.contains(id)) {
            throw new UploadStoreException(ErrorCode.UPLOAD_LOCKED, "another request is using this upload");
        }
    }

    private static UploadInfo info(UploadId id, Upload upload) {
        return new UploadInfo(id, upload.length(), upload.bytes().size(), upload.metadata(), upload.createdAt(),
                upload.expiresAt());
    }

    private static byte[] read(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
