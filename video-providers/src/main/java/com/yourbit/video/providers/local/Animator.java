package com.yourbit.video.providers.local;

import com.yourbit.video.api.AnimatedSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders animated previews (GIF or animated WebP) with ffmpeg, once per (video, spec); later
 * calls hit the cache, which holds at most {@code maxCacheBytes} (oldest out first).
 *
 * <p>A preview has exactly {@link #frames} frames (fps × duration) at the spec's frame rate: a
 * part past the video's end holds its last picture. The size is the spec's width or height,
 * the other side following the display aspect ratio, rounded to an even number; with both,
 * the picture fits inside them (Mux's {@code preserve}). A side that follows is bounded by
 * {@link #MAX_FOLLOWING_SIDE}, so a freak aspect ratio cannot ask ffmpeg for huge frames.
 *
 * <p>GIF gets a palette of its own ({@code palettegen}, then {@code paletteuse}) in two
 * passes, so no pass holds the frames in memory while the palette is computed. WebP is
 * encoded by libwebp, which stores a frame identical to the one before it as a longer
 * display of that one: a still stretch counts fewer stored frames, the same playing time.
 */
public class Animator {

    static final int MAX_FOLLOWING_SIDE = 2 * AnimatedSpec.MAX_SIZE;
    /** Files being made live in directories starting with this; finished ones start with a digit. */
    private static final String TEMP_PREFIX = "anim";
    /**
     * Per ffmpeg pass. At most 300 frames of at most 640 × 1280 px take seconds; beyond this
     * ffmpeg is stuck. Two passes stay within the time the media endpoint waits (120 s).
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(50);

    private final String ffmpeg;
    private final BoundedFileCache cache;

    public Animator(String ffmpeg, Path cacheDir, long maxCacheBytes) {
        this.ffmpeg = ffmpeg;
        this.cache = new BoundedFileCache(cacheDir, maxCacheBytes,
                name -> (name.endsWith(".gif") || name.endsWith(".webp")) && !name.startsWith(TEMP_PREFIX));
    }

    /** How many frames a preview has: fps × duration, at least one. */
    static int frames(AnimatedSpec spec) {
        return (int) Math.max(1, Math.round(spec.fps() * spec.durationSeconds()));
    }

    public Optional<Path> cached(String uploadId, AnimatedSpec spec) {
        Path target = target(uploadId, spec);
        return Files.exists(target) ? Optional.of(target) : Optional.empty();
    }

    public Path render(String uploadId, Path source, AnimatedSpec spec) throws IOException {
        Path target = target(uploadId, spec);
        if (Files.exists(target)) {
            return target;
        }
        Path scratch = Files.createTempDirectory(Files.createDirectories(target.getParent()), TEMP_PREFIX);
        try {
            Path output = scratch.resolve("preview." + spec.format().extension());
            String frames = pictures(spec);
            if (spec.format() == AnimatedSpec.Format.GIF) {
                Path palette = scratch.resolve("palette.png");
                FfmpegRun.run(command(source, spec, List.of(), List.of("-vf", frames + ",palettegen=stats_mode=diff",
                        "-frames:v", "1", "-update", "1", palette.toString())), TIMEOUT, scratch, "a GIF palette");
                List<String> gif = command(source, spec, List.of("-i", palette.toString()), List.of("-filter_complex",
                        "[0:V:0]" + frames + "[v];[v][1:v]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle[out]",
                        "-map", "[out]", "-loop", "0", "-f", "gif", output.toString()));
                FfmpegRun.run(gif, TIMEOUT, scratch, "a GIF");
            } else {
                FfmpegRun.run(command(source, spec, List.of(), List.of("-vf", frames, "-c:v", "libwebp_anim", "-quality", "75",
                        "-loop", "0", "-f", "webp", output.toString())), TIMEOUT, scratch, "an animated WebP");
            }
            if (Files.size(output) == 0) {
                throw new IOException("ffmpeg wrote an empty animated preview");
            }
            Files.move(output, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            ScratchRuns.clear(scratch);
        }
        cache.trim(target);
        return target;
    }

    public void evict(String uploadId) throws IOException {
        cache.evict(uploadId);
    }

    /**
     * ffmpeg reading only the spec's part of the source (input options), then any other
     * input, then the output's options: the first video stream that is not cover art unless a
     * filter graph maps its own, and nothing else.
     */
    private List<String> command(Path source, AnimatedSpec spec, List<String> otherInput, List<String> output) {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-v", "error", "-y",
                "-ss", seconds(spec.start()), "-t", seconds(spec.durationSeconds()), "-i", source.toString()));
        command.addAll(otherInput);
        if (!output.contains("-filter_complex")) {
            command.addAll(List.of("-map", "0:V:0"));
        }
        command.addAll(List.of("-an", "-sn", "-dn"));
        command.addAll(output);
        return command;
    }

    /**
     * The filters that make the preview's pictures: the frame rate, the size, then the last
     * picture held (tpad) and the count cut (trim) so there are exactly {@link #frames}; both
     * finite, so every filter after them sees the stream end.
     */
    static String pictures(AnimatedSpec spec) {
        int frames = frames(spec);
        return "fps=" + spec.fps() + "," + scale(spec.width(), spec.height()) + ",setsar=1"
                + ",tpad=stop_mode=clone:stop=" + frames + ",trim=end_frame=" + frames;
    }

    /** Fits the picture in the box width × height (a missing side is bounded by {@link #MAX_FOLLOWING_SIDE}). */
    static String scale(Integer width, Integer height) {
        int w = width != null ? width : MAX_FOLLOWING_SIDE;
        int h = height != null ? height : MAX_FOLLOWING_SIDE;
        String widthLimits = "lte(" + w + "/dar," + h + ")";
        return "scale=w='if(" + widthLimits + "," + w + ",2*max(1,round(" + h + "*dar/2)))'"
                + ":h='if(" + widthLimits + ",2*max(1,round(" + w + "/dar/2))," + h + ")'";
    }

    private Path target(String uploadId, AnimatedSpec spec) {
        String name = String.format(Locale.ROOT, "%s-%s_%sx%s_%dfps.%s", seconds(spec.start()), seconds(spec.end()),
                spec.width() == null ? "auto" : spec.width(), spec.height() == null ? "auto" : spec.height(),
                spec.fps(), spec.format().extension());
        return cache.folder(uploadId).resolve(name);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
