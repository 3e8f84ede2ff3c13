package com.yourbit.video.providers.local;

import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.UploadInfo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of the uploads in one directory, as tusd's filestore lays them out:
 * {@code <id>.bin} holds the bytes received, whose size is the offset, {@code <id>.info} the
 * declared length, creation, expiry and metadata, and {@code <id>.pending}, while a chunk with
 * a checksum is written, the offset it started at: its bytes do not count until verified.
 * The info and the marker are written to a temporary file, forced, then renamed, so they are
 * always whole. Callers hold the upload's lock.
 */
final class UploadFiles {

    private final Path dir;

    UploadFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** The file holding the bytes of an upload. */
    Path data(String id) {
        return dir.resolve(id + ".bin");
    }

    private Path infoFile(String id) {
        return dir.resolve(id + ".info");
    }

    private Path marker(String id) {
        return dir.resolve(id + ".pending");
    }

    /** The upload as its files describe it; {@link NoSuchFileException} when it has none. */
    UploadInfo read(String id) throws IOException {
        Properties info = readInfo(id);
        Map<String, String> metadata = new TreeMap<>();
        for (String name : info.stringPropertyNames()) {
            if (name.startsWith("meta.")) {
                metadata.put(name.substring(5), info.getProperty(name));
            }
        }
        String length = info.getProperty("length");
        return new UploadInfo(UploadId.of(id), length == null ? UploadInfo.DEFERRED : Long.parseLong(length),
                offset(id), metadata, Instant.parse(info.getProperty("created")), Instant.parse(info.getProperty("expires")));
    }

    /** An empty upload: no bytes, and its info. */
    void create(String id, long length, Map<String, String> metadata, Instant created, Instant expiresAt)
            throws IOException {
        Properties info = new Properties();
        if (length != UploadInfo.DEFERRED) {
            info.setProperty("length", Long.toString(length));
        }
        info.setProperty("created", created.toString());
        info.setProperty("expires", expiresAt.toString());
        metadata.forEach((k, v) -> info.setProperty("meta." + k, v));
        Files.write(data(id), new byte[0], StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        writeInfo(id, info);
    }

    /** Records the length a deferred-length upload declares. */
    void declareLength(String id, long length) throws IOException {
        Properties info = readInfo(id);
        info.setProperty("length", Long.toString(length));
        writeInfo(id, info);
    }

    /** The ids of every upload with an info file. */
    List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".info")) {
                    ids.add(name.substring(0, name.length() - 5));
                }
            }
        }
        return ids;
    }

    /**
     * The offset: the file's size, or where an unverified chunk began. The size is taken from
     * the opened file, not a stat of its name: a network file system shared by several nodes
     * may answer a stat from attributes it cached, an open checks with the server.
     */
    private long offset(String id) throws IOException {
        try {
            return Long.parseLong(Files.readString(marker(id), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException noChunkInFlight) {
            try (FileChannel bytes = FileChannel.open(data(id), StandardOpenOption.READ)) {
                return bytes.size();
            }
        }
    }

    /** A chunk left unverified by a crash is rolled back. */
    void rollBackUnverified(String id) throws IOException {
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

    /** Bytes from {@code start} on do not count until {@link #clearUnverified}. */
    void markUnverified(String id, long start) throws IOException {
        Path tmp = Files.createTempFile(dir, id, ".tmp");
        Files.writeString(tmp, Long.toString(start), StandardCharsets.US_ASCII);
        force(tmp);
        Files.move(tmp, marker(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void clearUnverified(String id) throws IOException {
        Files.deleteIfExists(marker(id));
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(infoFile(id));
        Files.deleteIfExists(marker(id));
        Files.deleteIfExists(data(id));
    }

    private Properties readInfo(String id) throws IOException {
        try (Reader in = Files.newBufferedReader(infoFile(id))) {
            Properties info = new Properties();
            info.load(in);
            return info;
        }
    }

    private void writeInfo(String id, Properties info) throws IOException {
        Path tmp = Files.createTempFile(dir, id, ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            info.store(out, null);
        }
        force(tmp);
        Files.move(tmp, infoFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        force(dir);
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
