package com.yourbit.video.domain.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.domain.limits.LimitExceededException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The upload path of a provider that receives the bytes itself ({@link UploadStore}): tus
 * creation, resumption, appending and termination, and Mux-style PUTs, for the video the
 * upload id belongs to. When the last byte is in, the provider completes the upload and the
 * video's status changes, in {@link #finishIfComplete}.
 *
 * <p>A CDI bean, not an EJB: reading a body may take as long as the client sends, and must
 * not hold a transaction. What changes videos or limits runs in the domain services' own
 * short transactions ({@link UploadVideos}). Every refusal is an {@link UploadRefusedException}.
 */
@ApplicationScoped
public class HostedUploadService {

    private static final Logger LOG = Logger.getLogger(HostedUploadService.class.getName());
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final UploadStore store;
    private final UploadVideos videos;
    private final Clock clock;

    @Inject
    public HostedUploadService(UploadStore store, UploadVideos videos, Clock clock) {
        this.store = store;
        this.videos = videos;
        this.clock = clock;
    }

    /** For the CDI client proxy. */
    protected HostedUploadService() {
        this(null, null, null);
    }

    /** The largest upload accepted, in bytes. */
    public long maxSize() {
        return store.maxSize();
    }

    /**
     * tus creation: an upload of {@code length} bytes ({@link UploadInfo#DEFERRED} when the
     * client declares it later), with the first bytes when the request brings a body
     * (creation-with-upload). Creating an existing upload again with the same length is a no-op.
     */
    public UploadInfo create(UploadId id, long length, Map<String, String> metadata,
                             Optional<ChunkChecksum> checksum, Optional<InputStream> body) {
        UploadingVideo video = acceptingVideo(id);
        if (length != UploadInfo.DEFERRED && length > store.maxSize()) {
            throw new UploadRefusedException(ErrorCode.UPLOAD_TOO_LARGE, "Upload-Length exceeds Tus-Max-Size " + store.maxSize());
        }
        UploadInfo info = createUpload(video, id, length, metadata);
        if (body.isPresent()) {
            info = stored(() -> store.append(id, new Chunk(0, Optional.empty(), checksum), body.get()));
        }
        return finishIfComplete(id, info);
    }

    /**
     * The upload a client resumes (tus HEAD), once no other request writes it, so its offset
     * counts every byte received. Also completes an upload whose last byte came in just before
     * a crash.
     */
    public UploadInfo resume(UploadId id) {
        knownVideo(id);
        UploadInfo info = finishIfComplete(id, stored(() -> store.findWhenIdle(id))
                .orElseThrow(() -> new UploadRefusedException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload")));
        if (info.isExpired(clock.instant())) {
            throw new UploadRefusedException(ErrorCode.UPLOAD_EXPIRED, "the upload expired at " + HTTP_DATE.format(info.expiresAt()));
        }
        return info;
    }

    /**
     * Appends a chunk (tus PATCH). The stored upload is what allows bytes: it exists from a
     * creation that checked the video until the video is deleted or expires (both terminate
     * it). So the video is looked up only when the store refuses, for the precise answer, or
     * when the upload is complete: once per chunk it cost about a tenth of the upload
     * throughput. Bytes for a video that left {@code preparing} some other way never complete
     * it ({@link #finishIfComplete} checks) and expire with the upload.
     */
    public UploadInfo append(UploadId id, Chunk chunk, InputStream body) {
        if (chunk.declaredLength().filter(length -> length > store.maxSize()).isPresent()) {
            throw new UploadRefusedException(ErrorCode.UPLOAD_TOO_LARGE, "Upload-Length exceeds Tus-Max-Size " + store.maxSize());
        }
        requireWellFormed(id);
        UploadInfo appended;
        try {
            appended = store.append(id, chunk, body);
        } catch (UploadStoreException e) {
            acceptingVideo(id);
            throw refused(e);
        }
        return finishIfComplete(id, appended);
    }

    /** tus termination: the bytes are freed, and so is their share of the user's upload bytes; the video waits for a new upload. */
    public void terminate(UploadId id) {
        UploadingVideo video = acceptingVideo(id);
        if (stored(() -> store.find(id)).isEmpty()) {
            throw new UploadRefusedException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
        stored(() -> {
            store.terminate(id);
            return null;
        });
        videos.recordDeclared(video.id(), null);
    }

    /**
     * Mux-style upload: one PUT of the whole file, or PUTs of chunks in order. A chunk may come
     * again (Chromium resends a PUT whose kept-alive connection closed before the answer,
     * UpChunk one answered 408, 502, 503 or 504), so bytes already stored are skipped, and a
     * chunk resent after the last byte gets the answer the last chunk got.
     *
     * @param fileType the file's media type, as the upload's {@code filetype} metadata
     */
    public PutOutcome put(UploadId id, PutRange range, Optional<String> fileType, InputStream body) {
        UploadingVideo video = knownVideo(id);
        // A status query is a resuming client's question, as tus HEAD: answered once no other
        // request writes the upload (on any node), so it counts every byte received.
        Optional<UploadInfo> existing = stored(() -> range.isStatusQuery() ? store.findWhenIdle(id) : store.find(id));
        if (!video.isPreparing() || existing.filter(UploadInfo::isComplete).isPresent()) {
            return putAfterLastByte(id, range, video, existing, body);
        }
        if (range.total() > store.maxSize()) {
            throw new UploadRefusedException(ErrorCode.UPLOAD_TOO_LARGE, "the file exceeds the maximum size " + store.maxSize());
        }
        if (range.wholeFile() && existing.isPresent() && existing.get().offset() > 0) {
            stored(() -> {
                store.terminate(id);
                return null;
            });
            existing = Optional.empty();
        }
        Map<String, String> metadata = fileType.map(type -> Map.of("filetype", type)).orElse(Map.of());
        UploadInfo info = existing.isPresent() ? existing.get() : createUpload(video, id, range.total(), metadata);
        if (info.length() != range.total()) {
            throw lengthMismatch(info);
        }
        if (range.isStatusQuery()) {
            return progress(id, info);
        }
        long stored = info.offset();
        if (range.first() > stored) {
            return new PutOutcome(PutOutcome.Kind.GAP, stored);
        }
        if (!skip(body, Math.min(stored, range.end()) - range.first()) || range.end() <= stored) {
            return progress(id, info);
        }
        // Without Content-Length (chunked) only the store can see that the body runs past the range.
        UploadInfo after = stored(() -> store.append(id, Chunk.at(stored).ofSize(range.end() - stored), body));
        return progress(id, after);
    }

    /**
     * When the last byte is in, the provider completes the upload (starting its media
     * pipeline) and says the video is processing, which the video then is; the outcome comes
     * later through the same status-change method as a provider webhook. Idempotent: only a
     * video still {@code preparing} is completed.
     */
    private UploadInfo finishIfComplete(UploadId id, UploadInfo info) {
        if (info.isComplete()) {
            Optional<UploadingVideo> video = videos.byUpload(store.provider(), id);
            if (video.isPresent() && video.get().isPreparing()) {
                ProviderUpdate update = stored(() -> store.complete(id));
                LOG.fine(() -> "upload complete for video " + video.get().id() + ": " + update.state());
                videos.applyUpdate(update);
            }
        }
        return info;
    }

    /**
     * Creates the upload once its declared size fits the user's upload bytes
     * (video.limits.upload-bytes-per-user; refused with Retry-After and nothing created
     * otherwise). An upload that exists already was counted when it was created; the store
     * then keeps it (same size) or refuses, and the size counted is set to what the store
     * holds either way.
     */
    private UploadInfo createUpload(UploadingVideo video, UploadId id, long length, Map<String, String> metadata) {
        if (stored(() -> store.find(id)).isEmpty()) {
            try {
                videos.declareUpload(video.id(), counted(length));
            } catch (LimitExceededException e) {
                throw new UploadRefusedException(e.code(), e.getMessage(), e.retryAfter());
            }
        }
        try {
            return store.create(id, length, metadata, video.uploadExpiresAt());
        } catch (UploadStoreException e) {
            videos.recordDeclared(video.id(), stored(() -> store.find(id)).map(kept -> counted(kept.length())).orElse(null));
            throw refused(e);
        }
    }

    /** A deferred length counts as the largest the upload may become until the upload is complete. */
    private long counted(long declaredLength) {
        return declaredLength == UploadInfo.DEFERRED ? store.maxSize() : declaredLength;
    }

    /**
     * A PUT once the upload has all its bytes: a client that did not get the answer to its
     * last chunk (or its whole-file PUT) sends it again, or asks how far it got. For the same
     * file that is the answer it missed, never a restart: the file may be being processed.
     */
    private PutOutcome putAfterLastByte(UploadId id, PutRange range, UploadingVideo video, Optional<UploadInfo> upload,
                                        InputStream body) {
        UploadInfo received = upload.filter(UploadInfo::isComplete).orElseThrow(() -> closed(video));
        if (received.length() != range.total()) {
            throw video.isPreparing() ? lengthMismatch(received) : closed(video);
        }
        skip(body, range.isStatusQuery() ? 0 : range.end() - range.first());
        finishIfComplete(id, received);
        return new PutOutcome(PutOutcome.Kind.COMPLETE, received.offset());
    }

    private PutOutcome progress(UploadId id, UploadInfo info) {
        UploadInfo current = finishIfComplete(id, info);
        return new PutOutcome(current.isComplete() ? PutOutcome.Kind.COMPLETE : PutOutcome.Kind.INCOMPLETE,
                current.offset());
    }

    /**
     * Reads and drops bytes the upload already has. False when the body ends first: the
     * client is gone (Undertow reports a read timeout as an unchecked exception).
     */
    private static boolean skip(InputStream body, long count) {
        try {
            body.skipNBytes(count);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static UploadRefusedException lengthMismatch(UploadInfo upload) {
        return new UploadRefusedException(ErrorCode.LENGTH_MISMATCH,
                "the total size differs from the upload's size " + upload.length());
    }

    /**
     * Refuses a malformed id before any lookup or file touches it, and the id of an upload the
     * server fills itself (a download from a URL): it is no upload URL, whoever learns the id.
     */
    private static void requireWellFormed(UploadId id) {
        if (!UploadStore.isWellFormedId(id) || UploadStore.isServerFilled(id)) {
            throw new UploadRefusedException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
    }

    private UploadingVideo knownVideo(UploadId id) {
        requireWellFormed(id);
        return videos.byUpload(store.provider(), id)
                .orElseThrow(() -> new UploadRefusedException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload"));
    }

    private UploadingVideo acceptingVideo(UploadId id) {
        UploadingVideo video = knownVideo(id);
        if (!video.isPreparing()) {
            throw closed(video);
        }
        return video;
    }

    private static UploadRefusedException closed(UploadingVideo video) {
        return new UploadRefusedException(ErrorCode.UPLOAD_CLOSED, "this upload no longer accepts bytes: the video is "
                + video.status().wireName());
    }

    private static <T> T stored(Supplier<T> storeCall) {
        try {
            return storeCall.get();
        } catch (UploadStoreException e) {
            throw refused(e);
        }
    }

    /** The store's refusal as it stands; a storage failure is logged, and the client learns only that. */
    private static UploadRefusedException refused(UploadStoreException e) {
        if (e.code() == ErrorCode.STORAGE_FAILED) {
            LOG.log(Level.SEVERE, "upload storage failed", e);
            return new UploadRefusedException(ErrorCode.STORAGE_FAILED, "the upload could not be stored");
        }
        return new UploadRefusedException(e.code(), e.getMessage());
    }
}
