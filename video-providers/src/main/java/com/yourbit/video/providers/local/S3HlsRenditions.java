package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.providers.local.objects.ObjectStore;
import com.yourbit.video.providers.local.objects.StoredObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The HLS renditions kept as objects under {@code hls/{upload}/}, named as the files of
 * {@link HlsRenditions} are. A rung is built in a node-local run directory as before, then
 * sent: segments and media playlist first, its measurement last, since the measurement is what
 * makes a rung finished; the master playlist, naming only finished rungs, is replaced whole
 * (a PUT replaces an object atomically). Every node reads the same objects, so a job's stages
 * and the playback of its video need not be on one node.
 */
class S3HlsRenditions extends HlsRenditions {

    private final ObjectStore store;
    private final String dir;

    /** @param runs node-local directory for the runs' scratch */
    S3HlsRenditions(ObjectStore store, String dir, Path runs) {
        super(runs);
        this.store = store;
        this.dir = dir;
    }

    private String key(String uploadId, String name) {
        return dir + uploadId + "/" + name;
    }

    @Override
    public Optional<MediaFile> media(String uploadId, String name) {
        if (!isServed(name)) {
            return Optional.empty();
        }
        String key = key(uploadId, name);
        try {
            return store.head(key).map(object -> MediaFile.streamed(contentType(name), object.size(),
                    (first, length) -> store.get(key, first, first + length - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OptionalLong startPts(String uploadId) {
        try {
            Optional<String> master = text(key(uploadId, HostedMedia.PLAYLIST));
            if (master.isEmpty()) {
                return OptionalLong.empty();
            }
            Optional<String> rung = master.get().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .findFirst().filter(HlsRenditions::isServed);
            String playlist = rung.orElse(HostedMedia.PLAYLIST);
            Optional<String> media = rung.isPresent() ? text(key(uploadId, playlist)) : master;
            Optional<String> segment = media.flatMap(text -> text.lines().map(String::strip)
                    .filter(line -> SEGMENT.matcher(line).matches()).findFirst());
            if (segment.isEmpty()) {
                return OptionalLong.empty();
            }
            String name = playlist.contains("/") ? playlist.substring(0, playlist.lastIndexOf('/') + 1) + segment.get() : segment.get();
            Optional<StoredObject> head = store.head(key(uploadId, name));
            if (head.isEmpty() || head.get().size() == 0) {
                return OptionalLong.empty();
            }
            try (InputStream in = store.get(key(uploadId, name), 0, Math.min(head.get().size(), TsStartTime.SCAN_BYTES) - 1)) {
                return TsStartTime.of(in.readAllBytes());
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public List<MeasuredRendition> finished(String uploadId) throws IOException {
        List<MeasuredRendition> rungs = new ArrayList<>();
        String prefix = dir + uploadId + "/";
        for (StoredObject object : store.list(prefix)) {
            String[] path = object.key().substring(prefix.length()).split("/");
            if (path.length == 2 && isRung(path[0]) && MEASURED.equals(path[1])) {
                byte[] bytes = store.bytes(object.key()).orElse(null);
                if (bytes != null) {
                    rungs.add(MeasuredRendition.load(new ByteArrayInputStream(bytes), object.key()));
                }
            }
        }
        rungs.sort(Comparator.comparingInt((MeasuredRendition r) -> Math.min(r.width(), r.height()))
                .thenComparing(MeasuredRendition::name));
        return rungs;
    }

    @Override
    public boolean isFinished(String uploadId, String rung) {
        try {
            return store.head(key(uploadId, rung + "/" + MEASURED)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the rung's files, the measurement last; the run's scratch goes with the run. */
    @Override
    public void commit(String uploadId, Path built, String rung) throws IOException {
        store.deletePrefix(key(uploadId, rung + "/"));
        List<Path> files;
        try (Stream<Path> listed = Files.list(built)) {
            files = listed.filter(Files::isRegularFile).sorted(Comparator.comparing(
                    (Path f) -> f.getFileName().toString().equals(MEASURED) ? 2 : isPlaylist(f.getFileName().toString()) ? 1 : 0)
                    .thenComparing(Path::toString)).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            store.put(key(uploadId, rung + "/" + name), file, name.equals(MEASURED) ? "text/plain" : contentType(name));
        }
        ScratchRuns.deleteTree(built);
    }

    @Override
    public void writeMaster(String uploadId, List<MeasuredRendition> rungs) throws IOException {
        store.put(key(uploadId, HostedMedia.PLAYLIST), MasterPlaylist.write(rungs).getBytes(StandardCharsets.UTF_8),
                java.util.Map.of());
    }

    @Override
    public void delete(String uploadId) throws IOException {
        store.deletePrefix(dir + uploadId + "/");
        super.delete(uploadId);
    }

    /** Not a file here: {@link #media} and {@link #startPts} read the objects. */
    @Override
    public Optional<Path> firstSegment(String uploadId) {
        return Optional.empty();
    }

    private Optional<String> text(String key) throws IOException {
        try {
            return store.bytes(key).map(b -> new String(b, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
