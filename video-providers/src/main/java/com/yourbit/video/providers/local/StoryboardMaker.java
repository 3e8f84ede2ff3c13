package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Makes a video's storyboard: one JPEG sprite of tiles taken at even intervals
 * ({@link StoryboardLayout}), {@link #TILE_WIDTH} pixels wide as Mux's, and the WebVTT whose
 * cues point at each tile's region of it ({@code storyboard.jpg#xywh=x,y,w,h}). The tile
 * size written into the cues is measured from the sprite ffmpeg made, not assumed.
 *
 * <p>Both files are built in a scratch directory and the directory renamed into place, so a
 * storyboard is there whole or not at all.
 */
public class StoryboardMaker {

    /** The sprite's name, as the cues name it (relative to the WebVTT's URL). */
    public static final String IMAGE = "storyboard.jpg";
    static final int TILE_WIDTH = 256;
    /** A bound on a tile of an extremely tall video; the sprite stays a JPEG any decoder takes. */
    static final int MAX_TILE_HEIGHT = 1024;
    /** The whole video is decoded once; a long one takes minutes. */
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final String ffmpeg;
    private final MediaProbe probe;
    private final Path storyboards;

    public StoryboardMaker(String ffmpeg, MediaProbe probe, Path storyboards) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.storyboards = storyboards;
    }

    /** The directory of an upload's finished storyboard (it may not exist yet). */
    public Path directory(String uploadId) {
        return storyboards.resolve(uploadId);
    }

    public boolean exists(String uploadId) {
        return Files.isRegularFile(directory(uploadId).resolve(HostedMedia.STORYBOARD));
    }

    public void make(String uploadId, Path source, double durationSeconds) throws IOException {
        StoryboardLayout layout = StoryboardLayout.of(durationSeconds);
        Path runs = ScratchRuns.of(storyboards, uploadId);
        ScratchRuns.clear(runs);
        Path scratch = ScratchRuns.next(runs);
        try {
            Path sprite = scratch.resolve(IMAGE);
            // One frame per interval (the fps filter repeats or drops frames to keep the slots
            // even, so tile i is the picture at i intervals), scaled to the tile width with the
            // display aspect ratio (dar, square pixels after), then laid out in the grid.
            // -frames:v 1: a video a little longer than its last tile makes no second sprite.
            String height = "min(" + MAX_TILE_HEIGHT + ",2*max(1,round(" + TILE_WIDTH + "/dar/2)))";
            String filters = "fps=" + layout.frameRate() + ",scale=" + TILE_WIDTH + ":'" + height + "',setsar=1,"
                    + "tile=" + layout.columns() + "x" + layout.rows();
            FfmpegRun.run(List.of(ffmpeg, "-nostdin", "-v", "error", "-y", "-i", source.toString(),
                    "-map", "0:V:0", "-an", "-sn", "-dn", "-vf", filters, "-frames:v", "1", "-q:v", "4", sprite.toString()),
                    TIMEOUT, scratch, "the storyboard");
            MediaProbe.VideoFacts image = probe.probe(sprite)
                    .orElseThrow(() -> new IOException("ffmpeg wrote a storyboard image ffprobe cannot read"));
            if (image.width() % layout.columns() != 0 || image.height() % layout.rows() != 0) {
                throw new IOException("the storyboard image is " + image.width() + "x" + image.height()
                        + ", not a grid of " + layout.columns() + "x" + layout.rows() + " tiles");
            }
            String vtt = layout.webVtt(IMAGE, image.width() / layout.columns(), image.height() / layout.rows());
            Files.writeString(scratch.resolve(HostedMedia.STORYBOARD), vtt, StandardCharsets.UTF_8);
            place(uploadId, scratch);
        } finally {
            ScratchRuns.clear(runs);
        }
    }

    /** Puts a finished storyboard (the directory of its two files) where it is served from, whole. */
    void place(String uploadId, Path built) throws IOException {
        Path target = directory(uploadId);
        ScratchRuns.deleteTree(target);
        Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One of the storyboard's files ({@link HostedMedia#STORYBOARD}, {@link #IMAGE}) to serve, if made. */
    public Optional<MediaFile> media(String uploadId, String name, String contentType) {
        Path file = directory(uploadId).resolve(name);
        try {
            return Optional.of(new MediaFile(file, contentType, Files.size(file)));
        } catch (IOException noSuchFile) {
            return Optional.empty();
        }
    }

    public void delete(String uploadId) throws IOException {
        ScratchRuns.deleteTree(directory(uploadId));
        ScratchRuns.clear(ScratchRuns.of(storyboards, uploadId));
    }
}
