package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.providers.local.objects.ObjectStore;
import com.yourbit.video.providers.local.objects.StoredObject;
import com.yourbit.video.providers.local.objects.StoredPart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Uploads as objects, laid out as tusd's s3store lays them out: {@code <id>.info} holds the
 * declared length, creation, expiry, metadata and the id of the multipart upload whose parts
 * are the bytes; the parts are at least the part size (S3's minimum is 5 MiB) except the last;
 * bytes that do not yet fill a part wait in {@code <id>.part}, and are sent ahead of the next
 * request's bytes. The offset is read back from the store on every request (the parts listed,
 * plus the waiting tail), so any node, or this one after a restart, reports what is stored.
 * When the last byte is in, the parts are joined into the object {@code <id>}.
 *
 * <p>Unlike tusd, the tail is not deleted before its bytes are sent in a part: it records in
 * its metadata how many parts it follows, and once there are more parts than that it is stale
 * and ignored. A crash between the two steps can then neither count its bytes twice nor lose them.
 *
 * <p>A chunk with a checksum, or with a stated size, is received whole into a node-local
 * scratch file and sent only once verified, so nothing unverified ever reaches the store (the
 * file store's {@code .pending} marker has nothing to mark here). Other chunks are sent part
 * by part as they arrive, and what arrived is kept when the client goes away. An offset is
 * reported only after the store has answered for the bytes it counts.
 */
public class S3UploadStore implements Uploads {

    /** S3 numbers parts 1 to 10000. */
    static final int MAX_PARTS = 10_000;
    private static final int BUFFER = 1 << 20;
    private static final String FOLLOWS_PARTS = "follows-parts";

    private final ObjectStore store;
    private final String dir;
    private final Path scratch;
    private final long maxSize;
    private final long partSize;
    private final Clock clock;
    private final UploadLocks locks;
    private final OriginalCopies copies;

    /**
     * @param dir the key prefix of the uploads, e.g. {@code uploads/}
     * @param scratch node-local directory: {@code requests/} holds a request's bytes until they are sent,
     *                {@code originals/} the copies of complete uploads
     * @param minPartSize the size of every part but the last; grown so that {@code maxSize} fits in S3's 10000 parts
     * @param copiesBytes the most the node-local copies of complete uploads take ({@link #data})
     */
    S3UploadStore(ObjectStore store, String dir, Path scratch, long maxSize, long minPartSize, long copiesBytes,
                  Clock clock, UploadLocks locks) {
        this.store = store;
        this.dir = dir;
        this.scratch = scratch;
        this.maxSize = maxSize;
        this.partSize = Math.max(minPartSize, (maxSize + MAX_PARTS - 1) / MAX_PARTS);
        this.clock = clock;
        this.locks = locks;
        this.copies = new OriginalCopies(scratch.resolve("originals"), copiesBytes,
                (id, target) -> store.download(dataKey(id), target));
        try {
            Files.createDirectories(scratch.resolve("requests"));
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "upload scratch space is not available", e);
        }
    }

    @Override
    public long maxSize() {
        return maxSize;
    }

    long partSize() {
        return partSize;
    }

    @Override
    public UploadLocks locks() {
        return locks;
    }

    /** The key of the upload's bytes once complete. */
    String dataKey(String id) {
        return dir + id;
    }

    private String infoKey(String id) {
        return dir + id + ".info";
    }

    private String tailKey(String id) {
        return dir + id + ".part";
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
            Properties info = new Properties();
            if (length != UploadInfo.DEFERRED) {
                info.setProperty("length", Long.toString(length));
            }
            info.setProperty("created", clock.instant().toString());
            info.setProperty("expires", expiresAt.toString());
            metadata.forEach((k, v) -> info.setProperty("meta." + k, v));
            if (length == 0) {
                // Nothing will ever be sent: complete at once, as an empty object.
                store.put(dataKey(id), new byte[0], Map.of());
            } else {
                info.setProperty("multipart", store.startMultipart(dataKey(id)));
            }
            writeInfo(id, info);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload could not be created", e);
        }
    }

    @Override
    public Optional<UploadInfo> find(String id) {
        try {
            return state(id).map(State::info);
        } catch (IOException | RuntimeException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload's state could not be read", e);
        }
    }

    @Override
    public Optional<UploadInfo> findWhenIdle(String id) {
        try (UploadLocks.Held held = locks.acquire(id)) {
            Optional<State> state = state(id);
            if (state.isPresent()) {
                return Optional.of(joinIfDue(id, state.get()).info());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload's state could not be read", e);
        }
    }

    /**
     * Joins an upload whose bytes are all sent but whose parts were not joined: the join failed
     * (the store briefly away) or the node stopped between the last part and the join. A client
     * then asks for the offset (HEAD) before anything else, and the media pipeline asks for the
     * bytes ({@link #data}): both come here. The caller holds the upload's lock.
     */
    private State joinIfDue(String id, State state) throws IOException {
        UploadInfo info = state.info();
        if (state.joined() || info.isLengthDeferred() || info.offset() != info.length()) {
            return state;
        }
        String multipart = state.multipart().orElseThrow();
        List<StoredPart> parts = new ArrayList<>(state.parts());
        if (state.tail() > 0) {
            Path tail = Files.createTempFile(scratch.resolve("requests"), id, ".part");
            try {
                store.download(tailKey(id), tail);
                int number = parts.size() + 1;
                parts.add(new StoredPart(number, state.tail(), store.uploadPart(dataKey(id), multipart, number, tail, 0, state.tail())));
            } finally {
                Files.deleteIfExists(tail);
            }
        }
        if (parts.isEmpty()) {
            store.abortMultipart(dataKey(id), multipart);
            store.put(dataKey(id), new byte[0], Map.of());
        } else {
            store.completeMultipart(dataKey(id), multipart, parts);
        }
        store.delete(tailKey(id));
        return state(id).orElseThrow();
    }

    /**
     * What the store holds of an upload: its info, the parts sent (none once complete), and the
     * tail waiting for more bytes when it follows the last part.
     */
    private record State(Properties properties, UploadInfo info, boolean joined, List<StoredPart> parts, long tail) {
        Optional<String> multipart() {
            return Optional.ofNullable(properties.getProperty("multipart"));
        }
    }

    private Optional<State> state(String id) throws IOException {
        Optional<byte[]> bytes = store.bytes(infoKey(id));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Properties info = new Properties();
        info.load(new StringReader(new String(bytes.get(), StandardCharsets.UTF_8)));
        List<StoredPart> parts = List.of();
        long tail = 0;
        long offset;
        String multipart = info.getProperty("multipart");
        // The object exists once the parts are joined (or at once for an empty upload). Asked
        // first, since not every store answers a completed multipart upload with NoSuchUpload.
        Optional<StoredObject> data = store.head(dataKey(id));
        if (data.isPresent()) {
            offset = data.get().size();
        } else {
            Optional<List<StoredPart>> listed = multipart == null ? Optional.empty() : store.parts(dataKey(id), multipart);
            if (listed.isEmpty()) {
                // Its multipart upload was aborted (a terminate that failed halfway, a bucket's expiry rule).
                return Optional.empty();
            }
            parts = listed.get();
            Optional<StoredObject> waiting = store.head(tailKey(id));
            if (waiting.isPresent() && Integer.toString(parts.size()).equals(waiting.get().metadata().get(FOLLOWS_PARTS))) {
                tail = waiting.get().size();
            }
            offset = parts.stream().mapToLong(StoredPart::size).sum() + tail;
        }
        Map<String, String> metadata = new TreeMap<>();
        for (String name : info.stringPropertyNames()) {
            if (name.startsWith("meta.")) {
                metadata.put(name.substring(5), info.getProperty(name));
            }
        }
        String length = info.getProperty("length");
        UploadInfo upload = new UploadInfo(UploadId.of(id), length == null ? UploadInfo.DEFERRED : Long.parseLong(length),
                offset, metadata, Instant.parse(info.getProperty("created")), Instant.parse(info.getProperty("expires")));
        return Optional.of(new State(info, upload, data.isPresent(), parts, tail));
    }

    @Override
    public UploadInfo append(String id, Chunk chunk, InputStream body) {
        try (UploadLocks.Held held = locks.acquire(id)) {
            State state = state(id).orElseThrow(() -> new UploadStoreException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload"));
            UploadInfo info = state.info();
            if (info.isExpired(clock.instant())) {
                throw new UploadStoreException(ErrorCode.UPLOAD_EXPIRED, "the upload expired at " + info.expiresAt());
            }
            if (info.offset() != chunk.offset()) {
                throw new UploadStoreException(ErrorCode.MISMATCHED_OFFSET,
                        "Upload-Offset " + chunk.offset() + " does not match the upload's offset " + info.offset());
            }
            if (chunk.declaredLength().isPresent()) {
                state = declareLength(id, state, chunk.declaredLength().get());
            }
            write(id, joinIfDue(id, state), chunk, body);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the bytes could not be stored", e);
        }
    }

    private State declareLength(String id, State state, long length) throws IOException {
        UploadInfo info = state.info();
        if (!info.isLengthDeferred()) {
            if (info.length() != length) {
                throw new UploadStoreException(ErrorCode.UPLOAD_CONFLICT, "the upload's length is already " + info.length());
            }
            return state;
        }
        if (length > maxSize) {
            throw tooLarge();
        }
        if (length < info.offset()) {
            throw new UploadStoreException(ErrorCode.UPLOAD_CONFLICT, "Upload-Length is below the bytes already received");
        }
        state.properties().setProperty("length", Long.toString(length));
        writeInfo(id, state.properties());
        return state(id).orElseThrow();
    }

    private void write(String id, State state, Chunk chunk, InputStream body) throws IOException {
        UploadInfo info = state.info();
        if (state.joined()) {
            // Complete already: only an empty body fits, and the object is never sent again.
            if (body.read() >= 0) {
                throw new UploadStoreException(ErrorCode.UPLOAD_SIZE_EXCEEDED, "the body is longer than the upload's remaining length");
            }
            return;
        }
        long start = info.offset();
        long remaining = Math.min((info.isLengthDeferred() ? maxSize : info.length()) - start,
                chunk.size().orElse(Long.MAX_VALUE));
        MessageDigest digest = chunk.checksum().map(S3UploadStore::digestFor).orElse(null);
        boolean exceeded = false;
        IOException readFailure = null;
        try (PartSpool spool = new PartSpool(id, state, digest == null && chunk.size().isEmpty())) {
            ReleasableBody releasable = locks.startReading(id, body);
            try {
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
                        spool.write(buffer, take);
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
                    if (clientGone instanceof PartSpool.StoreFailure failure) {
                        throw failure.getCause();
                    }
                    readFailure = clientGone;
                }
            } finally {
                locks.stopReading(id, releasable);
            }
            boolean pastItsSize = exceeded && chunk.size().isPresent();
            if (pastItsSize || digest != null && (readFailure != null || exceeded
                    || !MessageDigest.isEqual(digest.digest(), chunk.checksum().get().digest()))) {
                // Nothing of it was sent: the offset stays where it was, the client sends it again.
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
            spool.finish(!info.isLengthDeferred() && start + spool.received() == info.length());
        }
        if (exceeded) {
            throw info.isLengthDeferred() ? tooLarge()
                    : new UploadStoreException(ErrorCode.UPLOAD_SIZE_EXCEEDED, "the body is longer than the upload's remaining length");
        }
        if (readFailure != null) {
            throw new UploadStoreException(ErrorCode.BODY_INTERRUPTED, "the request body ended early", readFailure);
        }
    }

    /**
     * The bytes of one request on their way to the store, in node-local files of one part each:
     * the waiting tail first, then the body. Full parts are sent as they fill ({@code streaming})
     * or all at {@link #finish} (a chunk that must be verified first); the rest becomes the new
     * tail, or the last part when the upload is complete.
     */
    private final class PartSpool implements AutoCloseable {

        /** A failure of the store while the body was being read, told apart from the client's. */
        static final class StoreFailure extends IOException {
            StoreFailure(IOException cause) {
                super(cause);
            }

            @Override
            public synchronized IOException getCause() {
                return (IOException) super.getCause();
            }
        }

        private final String id;
        private final String multipart;
        private final boolean streaming;
        private final List<StoredPart> parts;
        private final List<Path> full = new ArrayList<>();
        private final long tailBefore;
        private Path current;
        private OutputStream out;
        private long inCurrent;
        private long received;

        PartSpool(String id, State state, boolean streaming) throws IOException {
            this.id = id;
            this.multipart = state.multipart().orElseThrow();
            this.streaming = streaming;
            this.parts = new ArrayList<>(state.parts());
            this.tailBefore = state.tail();
            open();
            try {
                takeTail();
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The waiting tail goes first; one left bigger than a part by a larger part size is sent as it is. */
        private void takeTail() throws IOException {
            if (tailBefore > 0) {
                try (InputStream tail = store.get(tailKey(id))) {
                    long copied = tail.transferTo(out);
                    if (copied != tailBefore) {
                        throw new IOException("the waiting bytes of upload changed while held: " + copied + " of " + tailBefore);
                    }
                }
                inCurrent = tailBefore;
                if (inCurrent >= partSize) {
                    // Left by a larger part size before a restart: big enough to be a part itself.
                    out.close();
                    send(current, inCurrent);
                    Files.delete(current);
                    open();
                }
            }
        }

        long received() {
            return received;
        }

        void write(byte[] buffer, int length) throws IOException {
            int at = 0;
            while (at < length) {
                int take = (int) Math.min(length - at, partSize - inCurrent);
                out.write(buffer, at, take);
                inCurrent += take;
                received += take;
                at += take;
                if (inCurrent == partSize) {
                    out.close();
                    if (streaming) {
                        try {
                            send(current, partSize);
                        } catch (IOException e) {
                            throw new StoreFailure(e);
                        }
                        Files.delete(current);
                    } else {
                        full.add(current);
                    }
                    open();
                }
            }
        }

        /** Sends the full parts held back, then the rest as the last part ({@code complete}) or as the tail. */
        void finish(boolean complete) throws IOException {
            out.close();
            for (Path part : full) {
                send(part, partSize);
            }
            if (complete) {
                if (inCurrent > 0 || parts.isEmpty()) {
                    if (inCurrent == 0) {
                        // An upload whose length was declared 0 after it began: no part to join.
                        store.abortMultipart(dataKey(id), multipart);
                        store.put(dataKey(id), new byte[0], Map.of());
                        store.delete(tailKey(id));
                        return;
                    }
                    send(current, inCurrent);
                }
                store.completeMultipart(dataKey(id), multipart, parts);
                store.delete(tailKey(id));
            } else if (received > 0) {
                if (inCurrent > 0) {
                    putTail();
                } else {
                    store.delete(tailKey(id));
                }
            }
        }

        private void putTail() throws IOException {
            store.put(tailKey(id), Files.readAllBytes(current), Map.of(FOLLOWS_PARTS, Integer.toString(parts.size())));
        }

        private void send(Path file, long size) throws IOException {
            int number = parts.size() + 1;
            if (number > MAX_PARTS) {
                throw new IOException("an upload cannot have more than " + MAX_PARTS + " parts");
            }
            String etag = store.uploadPart(dataKey(id), multipart, number, file, 0, size);
            parts.add(new StoredPart(number, size, etag));
        }

        private void open() throws IOException {
            current = Files.createTempFile(scratch.resolve("requests"), id, ".part");
            out = Files.newOutputStream(current);
            inCurrent = 0;
        }

        /** The node-local files go, whatever happened. */
        @Override
        public void close() throws IOException {
            out.close();
            Files.deleteIfExists(current);
            for (Path part : full) {
                Files.deleteIfExists(part);
            }
        }
    }

    @Override
    public void terminate(String id) {
        try (UploadLocks.Held held = locks.acquire(id)) {
            delete(id);
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload could not be deleted", e);
        }
    }

    /** The info goes first: once it is gone the upload is, even if a failure leaves the rest behind. */
    private void delete(String id) throws IOException {
        Optional<byte[]> bytes = store.bytes(infoKey(id));
        store.delete(infoKey(id));
        if (bytes.isPresent()) {
            Properties info = new Properties();
            info.load(new StringReader(new String(bytes.get(), StandardCharsets.UTF_8)));
            String multipart = info.getProperty("multipart");
            if (multipart != null) {
                store.abortMultipart(dataKey(id), multipart);
            }
        }
        store.delete(tailKey(id));
        store.delete(dataKey(id));
        copies.evict(id);
    }

    @Override
    public List<String> removeExpired() {
        Instant now = clock.instant();
        try {
            List<String> ids = new ArrayList<>();
            for (StoredObject object : store.list(dir)) {
                String name = object.key().substring(dir.length());
                if (name.endsWith(".info") && !name.contains("/")) {
                    ids.add(name.substring(0, name.length() - ".info".length()));
                }
            }
            return locks.removeExpired(ids, id -> {
                Optional<UploadInfo> info = find(id);
                if (info.isEmpty() || !info.get().isExpired(now)) {
                    return false;
                }
                delete(id);
                return true;
            });
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the uploads could not be swept", e);
        }
    }

    /** Streamed from the object: no copy on the node for a download. */
    @Override
    public Optional<MediaFile> original(String id) {
        Optional<UploadInfo> info = find(id).filter(UploadInfo::isComplete);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        String key = dataKey(id);
        long size = info.get().length();
        byte[] head = new byte[0];
        if (size > 0) {
            try (InputStream in = store.get(key, 0, Math.min(size, 12) - 1)) {
                head = in.readAllBytes();
            } catch (IOException e) {
                throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload's object could not be read", e);
            }
        }
        String type = LocalHostedMedia.ContentTypes.sniff(head, head.length, info.get().metadata().get("filetype"));
        return Optional.of(MediaFile.streamed(type, size, (first, length) -> store.get(key, first, first + length - 1)));
    }

    /** @throws SourceUnavailableException when the store cannot give the bytes now */
    @Override
    public Path data(String id) {
        try {
            try {
                return copies.copy(id);
            } catch (NoSuchFileException notJoined) {
                try (UploadLocks.Held held = locks.acquire(id)) {
                    Optional<State> state = state(id);
                    if (state.isEmpty() || !joinIfDue(id, state.get()).joined()) {
                        throw new SourceUnavailableException("upload " + id + " has no complete object", notJoined);
                    }
                }
                return copies.copy(id);
            }
        } catch (IOException e) {
            throw new SourceUnavailableException("the bytes of upload " + id + " could not be copied from the object store", e);
        }
    }

    private void writeInfo(String id, Properties info) throws IOException {
        StringWriter text = new StringWriter();
        info.store(text, null);
        store.put(infoKey(id), text.toString().getBytes(StandardCharsets.UTF_8), Map.of());
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
