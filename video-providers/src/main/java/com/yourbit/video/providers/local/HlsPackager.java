package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.HostedMedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes the HLS rendition of a video with ffmpeg: a VOD media playlist and MPEG-TS
 * segments. Codecs that HLS players take as they are (H.264 with AAC or MP3, or no sound)
 * are copied, which is fast and lossless; anything else is encoded to H.264/AAC.
 * The rendition is built in a scratch directory and renamed into place, so a rendition
 * directory is always complete and a job that died half-way simply starts again.
 */
public class HlsPackager {

    /** Segment names as ffmpeg writes them here; also what the media endpoint accepts. */
    public static final Pattern SEGMENT = Pattern.compile("seg[0-9]{5}\\.ts");

    private static final Set<String> COPYABLE_AUDIO = Set.of("aac", "mp3");
    private static final long TIMEOUT_MINUTES = 120;
    private static final Logger LOG = Logger.getLogger(HlsPackager.class.getName());

    private final String ffmpeg;
    private final Path renditions;

    public HlsPackager(String ffmpeg, Path renditions) {
        this.ffmpeg = ffmpeg;
        this.renditions = renditions;
    }

    /** The directory of an upload's finished rendition (it may not exist yet). */
    public Path directory(String uploadId) {
        return renditions.resolve(uploadId);
    }

    public static boolean canCopy(MediaProbe.VideoFacts facts) {
        return "h264".equals(facts.videoCodec())
                && (facts.audioCodec() == null || COPYABLE_AUDIO.contains(facts.audioCodec()));
    }

    public void packageVideo(String uploadId, Path source, MediaProbe.VideoFacts facts) throws IOException {
        Path target = directory(uploadId);
        Path runs = runs(uploadId);
        deleteRuns(runs);
        // A scratch directory of this run alone: an ffmpeg orphaned by a killed server may
        // still be writing into the one of its run.
        Path scratch = Files.createTempDirectory(Files.createDirectories(runs), "run");
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-v", "error", "-y",
                "-i", source.toString(), "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn"));
        if (canCopy(facts)) {
            command.addAll(List.of("-c", "copy"));
        } else {
            command.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "128k"));
        }
        command.addAll(List.of("-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod",
                "-hls_segment_type", "mpegts",
                "-hls_segment_filename", scratch.resolve("seg%05d.ts").toString(),
                scratch.resolve(HostedMedia.PLAYLIST).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish the HLS rendition in " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the HLS rendition", e);
        }
        if (process.exitValue() != 0 || !Files.exists(scratch.resolve(HostedMedia.PLAYLIST))) {
            deleteRuns(runs);
            throw new IOException("ffmpeg could not make an HLS rendition (exit " + process.exitValue() + ")");
        }
        deleteTree(target);
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        deleteRuns(runs);
    }

    public void delete(String uploadId) throws IOException {
        deleteTree(directory(uploadId));
        deleteRuns(runs(uploadId));
    }

    /** Where an upload's runs build their renditions, one scratch directory each. */
    private Path runs(String uploadId) {
        return renditions.resolve(uploadId + ".partial");
    }

    /** What runs that died left; best effort: an orphaned ffmpeg may still write, a leftover is only garbage. */
    private static void deleteRuns(Path runs) {
        try {
            deleteTree(runs);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the unfinished renditions in " + runs, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child)) {
                    deleteTree(child);
                } else {
                    Files.deleteIfExists(child);
                }
            }
        }
        Files.deleteIfExists(dir);
    }
}
