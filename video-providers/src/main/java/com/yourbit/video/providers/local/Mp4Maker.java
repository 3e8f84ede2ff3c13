package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.MediaFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a video's MP4 download: H.264 video and AAC sound (or none), with the {@code moov}
 * index before the media data ({@code -movflags +faststart}), so a player or browser starts
 * playing before the download ends and can seek at once.
 *
 * <p>Made from the uploaded file, not from the HLS renditions, so it keeps the source's full
 * size and does not depend on how the streaming renditions are laid out. Streams MP4 takes as
 * they are are copied (fast and lossless: most phone and camera videos are H.264 with AAC);
 * only the others are encoded, with the same settings as the HLS rendition.
 *
 * <p>Built in a scratch directory of its own run and renamed into place, so the file at
 * {@link #file} is always whole; a run that died half-way leaves only scratch, removed by the
 * next run.
 */
public class Mp4Maker {

    /** Encoding a long video takes a while on two cores; beyond this something is wrong. */
    private static final Duration TIMEOUT = Duration.ofHours(2);

    static final String CONTENT_TYPE = "video/mp4";

    private final String ffmpeg;
    private final Path downloads;

    public Mp4Maker(String ffmpeg, Path downloads) {
        this.ffmpeg = ffmpeg;
        this.downloads = downloads;
    }

    /** Where an upload's finished MP4 is (it may not exist yet). */
    public Path file(String uploadId) {
        return downloads.resolve(uploadId + ".mp4");
    }

    public boolean exists(String uploadId) {
        return Files.isRegularFile(file(uploadId));
    }

    /**
     * ffmpeg's codec arguments for a source: each stream copied where MP4 and players take it
     * (H.264 video, AAC sound), otherwise encoded to H.264 (yuv420p, the profile every player
     * decodes) or AAC.
     */
    static List<String> codecs(MediaProbe.VideoFacts source) {
        List<String> codecs = new ArrayList<>();
        if ("h264".equals(source.videoCodec())) {
            codecs.addAll(List.of("-c:v", "copy"));
        } else {
            codecs.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"));
        }
        if (source.audioCodec() != null) {
            codecs.addAll("aac".equals(source.audioCodec()) ? List.of("-c:a", "copy") : List.of("-c:a", "aac", "-b:a", "128k"));
        }
        return codecs;
    }

    public void make(String uploadId, Path source, MediaProbe.VideoFacts facts) throws IOException {
        Path runs = ScratchRuns.of(downloads, uploadId);
        ScratchRuns.clear(runs);
        Path scratch = ScratchRuns.next(runs);
        Path output = scratch.resolve("download.mp4");
        // 0:V is the first video stream that is not cover art; subtitles and data do not go in.
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-v", "error", "-y",
                "-i", source.toString(), "-map", "0:V:0", "-map", "0:a:0?", "-sn", "-dn"));
        command.addAll(codecs(facts));
        command.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
        try {
            FfmpegRun.run(command, TIMEOUT, scratch, "the MP4");
            if (Files.size(output) == 0) {
                throw new IOException("ffmpeg wrote an empty MP4");
            }
            place(uploadId, output);
        } finally {
            ScratchRuns.clear(runs);
        }
    }

    /** Puts a finished MP4 where it is served from, whole. */
    void place(String uploadId, Path output) throws IOException {
        Files.move(output, file(uploadId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The finished MP4 to serve, if there is one. */
    public Optional<MediaFile> media(String uploadId) {
        try {
            return Optional.of(new MediaFile(file(uploadId), CONTENT_TYPE, Files.size(file(uploadId))));
        } catch (IOException noSuchFile) {
            return Optional.empty();
        }
    }

    public void delete(String uploadId) throws IOException {
        Files.deleteIfExists(file(uploadId));
        ScratchRuns.clear(ScratchRuns.of(downloads, uploadId));
    }
}
