package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.api.hosted.UploadStoreException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Uploads as two files per upload id: {@code <id>.bin} holds the bytes received, whose size
 * is the offset, and {@code <id>.info} the declared length and metadata. Bytes are forced
 * to disk before an offset is reported, so an acknowledged offset survives a crash.
 * One writer per upload at a time (in this JVM); a second one is refused, never queued.
 */
public class FileUploadStore {

    private static final int BUFFER = 1 << 20;

    private final Path dir;
    private final long maxSize;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public FileUploadStore(Path dir, long maxSize, Duration lifetime, Clock clock) {
        this.dir = dir;
        this.maxSize = maxSize;
        this.lifetime = lifetime;
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

    public UploadInfo create(String id, long length, Map<String, String> metadata) {
        if (length > maxSize) {
            throw new UploadStoreException(Reason.TOO_LARGE, "the upload is larger than the maximum of " + maxSize + " bytes");
        }
        ReentrantLock lock = lockFor(id);
        try {
            Optional<UploadInfo> existing = find(id);
            if (existing.isPresent()) {
                if (existing.get().length() != length) {
                    throw new UploadStoreException(Reason.CONFLICT, "this upload was already created with another length");
                }
                return existing.get();
            }
            Instant now = clock.instant();
            Properties info = new Properties();
            info.setProperty("length", Long.toString(length));
            info.setProperty("created", now.toString());
            info.setProperty("expires", now.plus(lifetime).toString());
            metadata.forEach((k, v) -> info.setProperty("meta." + k, v));
            Path tmp = Files.createTempFile(dir, id, ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                info.store(out, null);
            }
            force(tmp);
            Files.write(data(id), new byte[0], StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, infoFile(id), StandardCopyOption.ATOMIC_MOVE);
            force(dir);
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload could not be created", e);
        } finally {
            lock.unlock();
        }
    }

    public Optional<UploadInfo> find(String id) {
        try (Reader in = Files.newBufferedReader(infoFile(id))) {
            Properties info = new Properties();
            info.load(in);
            Map<String, String> metadata = new TreeMap<>();
            for (String name : info.stringPropertyNames()) {
                if (name.startsWith("meta.")) {
                    metadata.put(name.substring(5), info.getProperty(name));
                }
            }
            long offset = Files.size(data(id));
            return Optional.of(new UploadInfo(id, Long.parseLong(info.getProperty("length")), offset, metadata,
                    Instant.parse(info.getProperty("created")), Instant.parse(info.getProperty("expires"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload's state could not be read", e);
        }
    }

    public UploadInfo append(String id, long offset, InputStream body) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new UploadStoreException(Reason.LOCKED, "another request is writing this upload");
        }
        try {
            UploadInfo info = find(id).orElseThrow(() -> new UploadStoreException(Reason.NOT_FOUND, "no such upload"));
            if (info.offset() != offset) {
                throw new UploadStoreException(Reason.OFFSET_MISMATCH,
                        "Upload-Offset " + offset + " does not match the upload's offset " + info.offset());
            }
            long remaining = info.length() - offset;
            boolean exceeded = false;
            IOException readFailure = null;
            try (FileChannel out = FileChannel.open(data(id), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                byte[] buffer = new byte[BUFFER];
                try {
                    while (true) {
                        int n = body.read(buffer, 0, (int) Math.min(buffer.length, Math.max(remaining, 1)));
                        if (n < 0) {
                            break;
                        }
                        if (remaining == 0) {
                            exceeded = true;
                            break;
                        }
                        int take = (int) Math.min(n, remaining);
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, take);
                        while (chunk.hasRemaining()) {
                            out.write(chunk);
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
                // What arrived is kept: the client resumes from it.
                out.force(false);
            }
            if (exceeded) {
                throw new UploadStoreException(Reason.EXCEEDS_LENGTH, "the body is longer than the upload's remaining length");
            }
            if (readFailure != null) {
                throw new UploadStoreException(Reason.BODY_INTERRUPTED, "the request body ended early", readFailure);
            }
            return find(id).orElseThrow();
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the bytes could not be stored", e);
        } finally {
            lock.unlock();
        }
    }

    public void terminate(String id) {
        ReentrantLock lock = lockFor(id);
        try {
            Files.deleteIfExists(infoFile(id));
            Files.deleteIfExists(data(id));
        } catch (IOException e) {
            throw new UploadStoreException(Reason.STORAGE_FAILED, "the upload could not be deleted", e);
        } finally {
            lock.unlock();
            locks.remove(id, lock);
        }
    }

    /** The file holding the bytes of an upload. */
    public Path data(String id) {
        return dir.resolve(id + ".bin");
    }

    private Path infoFile(String id) {
        return dir.resolve(id + ".info");
    }

    private ReentrantLock lockFor(String id) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new UploadStoreException(Reason.LOCKED, "another request is using this upload");
        }
        return lock;
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
