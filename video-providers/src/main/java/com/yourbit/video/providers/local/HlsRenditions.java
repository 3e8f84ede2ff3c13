package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where an upload's HLS renditions live, and the only names served from there:
 * <pre>
 * hls/{upload}/stream.m3u8              master playlist
 * hls/{upload}/240p/index.m3u8          media playlist of a rung
 * hls/{upload}/240p/seg00000.ts         its segments
 * hls/{upload}/240p/rendition.properties what was measured of it (not served)
 * hls/{upload}.partial/run…/            scratch directories of runs
 * </pre>
 * A rung is built in a scratch directory of its run and renamed into place whole, so a rung
 * directory is always complete; the master playlist is replaced whole, naming only such
 * rungs. A video made before the ladder has one media playlist {@code stream.m3u8} with its
 * segments beside it; those names are still served.
 */
public class HlsRenditions {

    /** A rung's media playlist, in its directory. */
    public static final String MEDIA_PLAYLIST = HostedMedia.MEDIA_PLAYLIST;
    /** Segment names as ffmpeg writes them here. */
    public static final Pattern SEGMENT = Pattern.compile(HostedMedia.SEGMENT);
    /** The measurement kept in a rung's directory. */
    static final String MEASURED = "rendition.properties";
    private static final Pattern RUNG = Pattern.compile(HostedMedia.RUNG);
    /** What {@link HostedMedia#rendition} may name: exactly these shapes, nothing else. */
    private static final Pattern SERVED = Pattern.compile("(" + HostedMedia.RUNG + ")/(?:" + Pattern.quote(MEDIA_PLAYLIST)
            + "|" + HostedMedia.SEGMENT + ")|" + Pattern.quote(HostedMedia.PLAYLIST) + "|" + HostedMedia.SEGMENT);

    private final Path root;

    public HlsRenditions(Path root) {
        this.root = root;
    }

    /** The directory of an upload's renditions (it may not exist yet). */
    public Path directory(String uploadId) {
        return root.resolve(uploadId);
    }

    /** The file a served name stands for; empty for any name outside the shapes above. */
    public Optional<Path> file(String uploadId, String name) {
        if (name == null || !SERVED.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(directory(uploadId).resolve(name));
    }

    /**
     * The first segment of an upload: of the first rung its master playlist lists, or beside
     * a pre-ladder playlist; empty while there is none.
     */
    public Optional<Path> firstSegment(String uploadId) {
        Path dir = directory(uploadId);
        try {
            Optional<String> mediaPlaylist = Files.readAllLines(dir.resolve(HostedMedia.PLAYLIST)).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst();
            Path playlist = mediaPlaylist.filter(name -> file(uploadId, name).isPresent())
                    .map(dir::resolve).orElse(dir.resolve(HostedMedia.PLAYLIST));
            Optional<String> segment = Files.readAllLines(playlist).stream()
                    .filter(line -> SEGMENT.matcher(line.strip()).matches()).findFirst();
            return segment.map(name -> playlist.resolveSibling(name.strip())).filter(Files::isRegularFile);
        } catch (IOException notMadeYet) {
            return Optional.empty();
        }
    }

    /** What a served name stands for, with its type and size; empty for any other name or one not made. */
    public Optional<MediaFile> media(String uploadId, String name) {
        Optional<Path> file = file(uploadId, name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MediaFile(file.get(), contentType(name), Files.size(file.get())));
        } catch (IOException noSuchFile) {
            return Optional.empty();
        }
    }

    /** The presentation time the first segment starts at (see {@link TsStartTime}). */
    public OptionalLong startPts(String uploadId) {
        return firstSegment(uploadId).map(TsStartTime::of).orElse(OptionalLong.empty());
    }

    static String contentType(String name) {
        return isPlaylist(name) ? "application/vnd.apple.mpegurl" : "video/mp2t";
    }

    /** Whether a name is a served one. */
    static boolean isServed(String name) {
        return name != null && SERVED.matcher(name).matches();
    }

    /** Whether a directory name is a rung's. */
    static boolean isRung(String name) {
        return RUNG.matcher(name).matches();
    }

    public static boolean isPlaylist(String name) {
        return name.endsWith(".m3u8");
    }

    /** The finished rungs of an upload, as measured, smallest first. */
    public List<MeasuredRendition> finished(String uploadId) throws IOException {
        List<MeasuredRendition> rungs = new ArrayList<>();
        Path dir = directory(uploadId);
        if (!Files.isDirectory(dir)) {
            return rungs;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                Path measured = child.resolve(MEASURED);
                if (RUNG.matcher(child.getFileName().toString()).matches() && Files.exists(measured)) {
                    rungs.add(MeasuredRendition.load(measured));
                }
            }
        }
        rungs.sort(Comparator.comparingInt((MeasuredRendition r) -> Math.min(r.width(), r.height()))
                .thenComparing(MeasuredRendition::name));
        return rungs;
    }

    public boolean isFinished(String uploadId, String rung) {
        return Files.exists(directory(uploadId).resolve(rung).resolve(MEASURED));
    }

    /**
     * A scratch directory for one run; what runs that died left is removed first (an
     * orphaned ffmpeg of a killed server may still write into its own, never into this one).
     */
    public Path newRun(String uploadId) throws IOException {
        Path runs = runs(uploadId);
        ScratchRuns.clear(runs);
        return ScratchRuns.next(runs);
    }

    /** Moves a rung built (and measured) in a run's scratch directory into place, whole. */
    public void commit(String uploadId, Path built, String rung) throws IOException {
        Path target = Files.createDirectories(directory(uploadId)).resolve(rung);
        ScratchRuns.deleteTree(target);
        Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces the master playlist by one listing {@code rungs}. */
    public void writeMaster(String uploadId, List<MeasuredRendition> rungs) throws IOException {
        Path dir = Files.createDirectories(directory(uploadId));
        Path tmp = Files.createTempFile(dir, "master", ".tmp");
        try {
            Files.writeString(tmp, MasterPlaylist.write(rungs));
            Files.move(tmp, dir.resolve(HostedMedia.PLAYLIST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes the runs' scratch directories of an upload (after a run). */
    public void endRuns(String uploadId) {
        ScratchRuns.clear(runs(uploadId));
    }

    public void delete(String uploadId) throws IOException {
        ScratchRuns.deleteTree(directory(uploadId));
        ScratchRuns.clear(runs(uploadId));
    }

    private Path runs(String uploadId) {
        return ScratchRuns.of(root, uploadId);
    }
}
