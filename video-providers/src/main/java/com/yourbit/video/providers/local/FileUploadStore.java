package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.api.hosted.UploadStoreException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Uploads as files per upload id: {@code <id>.bin} holds the bytes received, whose size is
 * the offset, and {@code <id>.info} the declared length, expiry and metadata. Bytes are
 * forced to disk before an offset is reported, so an acknowledged offset survives a crash.
 * While a chunk with a checksum is written, {@code <id>.pending} holds the offset it started
 * at: its bytes do not count until verified, and a crash in between rolls them back.
 * One request per upload at a time (in this JVM). A request that finds the upload taken asks
 * a request still reading its body to stop (it keeps what it received, see
 * {@link ReleasableBody}) and waits for the upload up to a bound; then it is refused.
 */
public class FileUploadStore {

    private static final int BUFFER = 1 << 20;
    /** Long enough for a stopped request to store the bytes it holds (a few MiB and an fdatasync). */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path dir;
    private final long maxSize;
    private final Clock clock;
    private final Duration releaseWait;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The body each upload's current request is reading, if it is reading one. */
    private final Map<String, ReleasableBody> writers = new ConcurrentHashMap<>();

    public FileUploadStore(Path dir, long maxSize, Clock clock) {
        this(dir, maxSize, clock, RELEASE_WAIT);
    }

    FileUploadStore(Path dir, long maxSize, Clock clock, Duration releaseWait) {
        this.releaseWait = releaseWait;
        this.dir = dir;
        this.maxSize = maxSize;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "upload storage is not available", e);
        }
    }

    public long maxSize() {
        return maxSize;
    }

    public UploadInfo create(String id, long length, Map<String, String> metadata, Instant expiresAt) {
        if (length > maxSize) {
            throw new UploadStoreException(Reason.TOO_LARGE, "the upload is larger than the maximum of " + maxSize + " bytes");
        }
        ReentrantLock lock = acquire(id);
        try {
            Optional<UploadInfo> existing = find(id);
            if (existing.isPresent()) {
                if (existing.get().length() != length) {
                    throw new UploadStoreException(Reason.CONFLICT, "this upload was already created with another length");
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
            Files.write(data(id), new byte[0], StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            writeInfo(id, info);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload could not be created", e);
        } finally {
            release(id, lock);
        }
    }

    public Optional<UploadInfo> find(String id) {
        try {
            Properties info = readInfo(id);
            Map<String, String> metadata = new TreeMap<>();
            for (String name : info.stringPropertyNames()) {
                if (name.startsWith("meta.")) {
                    metadata.put(name.substring(5), info.getProperty(name));
                }
            }
            String length = info.getProperty("length");
            return Optional.of(new UploadInfo(id, length == null ? UploadInfo.DEFERRED : Long.parseLong(length),
                    offset(id), metadata, Instant.parse(info.getProperty("created")),
                    Instant.parse(info.getProperty("expires"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload's state could not be read", e);
        }
    }

    /**
     * The upload once no other request is using it: a request still writing it is asked to
     * stop first, so the offset counts every byte the server received (a client resuming after
     * a broken connection asks with HEAD before the server has noticed the break).
     */
    public Optional<UploadInfo> findWhenIdle(String id) {
        ReentrantLock lock = acquire(id);
        try {
            return find(id);
        } finally {
            release(id, lock);
        }
    }

    public UploadInfo append(String id, Chunk chunk, InputStream body) {
        ReentrantLock lock = acquire(id);
        try {
            rollBackUnverified(id);
            UploadInfo info = find(id).orElseThrow(() -> new UploadStoreException(Reason.NOT_FOUND, "no such upload"));
            if (info.isExpired(clock.instant())) {
                throw new UploadStoreException(Reason.EXPIRED, "the upload expired at " + info.expiresAt());
            }
            if (info.offset() != chunk.offset()) {
                throw new UploadStoreException(Reason.OFFSET_MISMATCH,
                        "Upload-Offset " + chunk.offset() + " does not match the upload's offset " + info.offset());
            }
            if (chunk.declaredLength().isPresent()) {
                info = declareLength(info, chunk.declaredLength().get());
            }
            write(id, info, chunk, body);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the bytes could not be stored", e);
        } finally {
            release(id, lock);
        }
    }

    private UploadInfo declareLength(UploadInfo info, long length) throws IOException {
        if (!info.isLengthDeferred()) {
            if (info.length() != length) {
                throw new UploadStoreException(Reason.CONFLICT, "the upload's length is already " + info.length());
            }
            return info;
        }
        if (length > maxSize) {
            throw new UploadStoreException(Reason.TOO_LARGE, "the upload is larger than the maximum of " + maxSize + " bytes");
        }
        if (length < info.offset()) {
            throw new UploadStoreException(Reason.CONFLICT, "Upload-Length is below the bytes already received");
        }
        Properties properties = readInfo(info.uploadId());
        properties.setProperty("length", Long.toString(length));
        writeInfo(info.uploadId(), properties);
        return find(info.uploadId()).orElseThrow();
    }

    private void write(String id, UploadInfo info, Chunk chunk, InputStream body) throws IOException {
        long start = info.offset();
        // A deferred length is bounded by the maximum size instead; a chunk of a stated size by that.
        long remaining = Math.min((info.isLengthDeferred() ? maxSize : info.length()) - start,
                chunk.size().orElse(Long.MAX_VALUE));
        MessageDigest digest = chunk.checksum().map(FileUploadStore::digestFor).orElse(null);
        if (digest != null) {
            writeMarker(id, start);
        }
        boolean exceeded = false;
        IOException readFailure = null;
        ReleasableBody releasable = new ReleasableBody(body);
        writers.put(id, releasable);
        try (DurableAppender out = DurableAppender.open(data(id), start)) {
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
                Files.deleteIfExists(marker(id));
                throw pastItsSize
                        ? new UploadStoreException(Reason.EXCEEDS_CHUNK,
                                "the body is longer than the chunk it was sent as; none of it was stored")
                        : readFailure != null
                        ? new UploadStoreException(Reason.BODY_INTERRUPTED, "the request body ended early; the chunk was discarded", readFailure)
                        : exceeded
                        ? new UploadStoreException(Reason.EXCEEDS_LENGTH, "the body is longer than the upload's remaining length")
                        : new UploadStoreException(Reason.CHECKSUM_MISMATCH, "the chunk does not match its Upload-Checksum; it was discarded");
            }
            // What arrived is kept: the client resumes from it.
            out.finish();
        } finally {
            writers.remove(id, releasable);
        }
        if (digest != null) {
            Files.deleteIfExists(marker(id));
        }
        if (exceeded) {
            throw new UploadStoreException(info.isLengthDeferred() ? Reason.TOO_LARGE : Reason.EXCEEDS_LENGTH,
                    info.isLengthDeferred() ? "the upload is larger than the maximum of " + maxSize + " bytes"
                            : "the body is longer than the upload's remaining length");
        }
        if (readFailure != null) {
            throw new UploadStoreException(Reason.BODY_INTERRUPTED, "the request body ended early", readFailure);
        }
    }

    /**
     * Asks every request whose body brought fewer than {@code minBytes} in the last
     * {@code window} to stop (it keeps what arrived; the client resumes). A client that trickles
     * a byte now and then never meets the read timeout, and would hold a worker thread and one of
     * the upload slots for as long as it likes. Returns how many were asked.
     */
    public int releaseSlowWriters(long minBytes, Duration window) {
        long now = System.nanoTime();
        int released = 0;
        for (ReleasableBody writer : writers.values()) {
            if (writer.slowerThan(minBytes, window.toNanos(), now)) {
                writer.release();
                released++;
            }
        }
        return released;
    }

    public void terminate(String id) {
        ReentrantLock lock = acquire(id);
        try {
            delete(id);
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload could not be deleted", e);
        } finally {
            release(id, lock);
        }
    }

    /**
     * Removes every unfinished upload whose expiry has passed, except ones being written
     * right now, and returns their ids.
     */
    public List<String> removeExpired() {
        Instant now = clock.instant();
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".info")) {
                    continue;
                }
                String id = name.substring(0, name.length() - 5);
                ReentrantLock lock = tryAcquire(id);
                if (lock == null) {
                    continue;
                }
                try {
                    Optional<UploadInfo> info = find(id);
                    if (info.isPresent() && info.get().isExpired(now)) {
                        delete(id);
                        removed.add(id);
                    }
                } finally {
                    release(id, lock);
                }
            }
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload directory could not be swept", e);
        }
        return removed;
    }

    /** The file holding the bytes of an upload. */
    public Path data(String id) {
        return dir.resolve(id + ".bin");
    }

    private Path infoFile(String id) {
        return dir.resolve(id + ".info");
    }

    private Path marker(String id) {
        return dir.resolve(id + ".pending");
    }

    /** The offset: the file's size, or where an unverified chunk began. */
    private long offset(String id) throws IOException {
        try {
            return Long.parseLong(Files.readString(marker(id), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException noChunkInFlight) {
            return Files.size(data(id));
        }
    }

    /** A chunk left unverified by a crash is rolled back; called while holding the upload's lock. */
    private void rollBackUnverified(String id) throws IOException {
        Path marker = marker(id);
        if (Files.exists(marker)) {
            long start = Long.parseLong(Files.readString(marker, StandardCharsets.US_ASCII).trim());
            try (FileChannel out = FileChannel.open(data(id), StandardOpenOption.WRITE)) {
                out.truncate(start);
                out.force(false);
            }
            Files.delete(marker);
        }
    }

    private void writeMarker(String id, long start) throws IOException {
        Path tmp = Files.createTempFile(dir, id, ".tmp");
        Files.writeString(tmp, Long.toString(start), StandardCharsets.US_ASCII);
        force(tmp);
        Files.move(tmp, marker(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Properties readInfo(String id) throws IOException {
        try (Reader in = Files.newBufferedReader(infoFile(id))) {
            Properties info = new Properties();
            info.load(in);
            return info;
        }
    }

    /** Written to a temporary file, forced, then renamed: the info is always whole. */
    private void writeInfo(String id, Properties info) throws IOException {
        Path tmp = Files.createTempFile(dir, id, ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            info.store(out, null);
        }
        force(tmp);
        Files.move(tmp, infoFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        force(dir);
    }

    private void delete(String id) throws IOException {
        Files.deleteIfExists(infoFile(id));
        Files.deleteIfExists(marker(id));
        Files.deleteIfExists(data(id));
    }

    /**
     * The upload's lock. When another request holds it, a body that request is still reading
     * is asked to stop, and the lock is awaited up to the release wait.
     */
    private ReentrantLock acquire(String id) {
        long deadline = System.nanoTime() + releaseWait.toNanos();
        while (true) {
            ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
            boolean locked = lock.tryLock();
            // The holder may only start reading its body after we looked: ask again while waiting.
            while (!locked && System.nanoTime() < deadline) {
                ReleasableBody writer = writers.get(id);
                if (writer != null) {
                    writer.release();
                }
                try {
                    locked = lock.tryLock(Math.min(POLL_NANOS, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!locked) {
                throw new UploadStoreException(Reason.LOCKED, "another request is using this upload");
            }
            if (locks.get(id) == lock) {
                return lock;
            }
            lock.unlock(); // released and dropped from the map meanwhile: take the current one
        }
    }

    /** The upload's lock if it is free now, else null; never asks anyone to stop. */
    private ReentrantLock tryAcquire(String id) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return null;
        }
        if (locks.get(id) != lock) {
            lock.unlock();
            return null;
        }
        return lock;
    }

    /** Unlocks; an uncontended lock leaves the map, which would otherwise keep one per upload ever seen. */
    private void release(String id, ReentrantLock lock) {
        lock.unlock();
        if (!lock.hasQueuedThreads()) {
            locks.remove(id, lock);
        }
    }

    private static MessageDigest digestFor(ChunkChecksum checksum) {
        try {
            return MessageDigest.getInstance(checksum.javaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
