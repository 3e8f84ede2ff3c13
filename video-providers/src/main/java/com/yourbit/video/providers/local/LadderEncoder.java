package com.yourbit.video.providers.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Encodes rungs of a {@link LadderPlan} with one ffmpeg process: the source is decoded once,
 * brought to the plan's frame rate and split to one scaler and x264 encoder per rung, each
 * writing an HLS media playlist ({@link HlsRenditions#MEDIA_PLAYLIST}) and MPEG-TS segments
 * into its own directory. One process for several rungs costs one decode instead of one per
 * rung (measured in docs/BENCHMARKS.md).
 *
 * <p>Keyframes are fixed (every {@link LadderPlan#KEYFRAME_SECONDS}, never on scene cuts) and
 * segments cut at {@link LadderPlan#SEGMENT_SECONDS}, the same in every rung and every run,
 * so renditions made by different processes still line up.
 */
public class LadderEncoder {

    private final String ffmpeg;
    /** The process running for each upload, to stop it when the video is deleted. */
    private final Map<String, Process> running = new ConcurrentHashMap<>();

    public LadderEncoder(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Encodes {@code rungs} of the plan into {@code <target>/<rung name>/}.
     *
     * @throws IOException when ffmpeg fails, takes too long or is stopped by {@link #stop}
     */
    public void encode(String uploadId, Path source, LadderPlan plan, List<LadderPlan.PlannedRung> rungs,
                       Double durationSeconds, LadderSettings settings, Path target) throws IOException {
        for (LadderPlan.PlannedRung rung : rungs) {
            Files.createDirectories(target.resolve(rung.name()));
        }
        Process process = new ProcessBuilder(command(source, plan, rungs, settings.preset(), target))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        running.put(uploadId, process);
        long timeout = timeoutMinutes(durationSeconds);
        try {
            if (!process.waitFor(timeout, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish the renditions in " + timeout + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while encoding the renditions", e);
        } finally {
            running.remove(uploadId, process);
        }
        if (process.exitValue() != 0) {
            throw new IOException("ffmpeg could not encode the renditions (exit " + process.exitValue() + ")");
        }
        for (LadderPlan.PlannedRung rung : rungs) {
            if (!Files.exists(target.resolve(rung.name()).resolve(HlsRenditions.MEDIA_PLAYLIST))) {
                throw new IOException("ffmpeg left no playlist for " + rung.name());
            }
        }
    }

    /** Stops the upload's ffmpeg, if one runs; its {@link #encode} then fails. */
    public void stop(String uploadId) {
        Process process = running.get(uploadId);
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Stops every ffmpeg this encoder runs (the application stops). */
    public void stopAll() {
        running.values().forEach(Process::destroyForcibly);
    }

    boolean isRunning(String uploadId) {
        Process process = running.get(uploadId);
        return process != null && process.isAlive();
    }

    /** Generous: a stuck ffmpeg is stopped, a slow one on a busy machine is not. */
    static long timeoutMinutes(Double durationSeconds) {
        return 60 + (durationSeconds == null ? 600 : (long) Math.ceil(durationSeconds / 6));
    }

    List<String> command(Path source, LadderPlan plan, List<LadderPlan.PlannedRung> rungs, String preset, Path target) {
        StringBuilder graph = new StringBuilder("[0:V:0]fps=").append(plan.frameRate())
                .append(",split=").append(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            graph.append("[in").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            LadderPlan.PlannedRung rung = rungs.get(i);
            graph.append(";[in").append(i).append("]scale=").append(rung.width()).append(':').append(rung.height())
                    .append(",setsar=1,format=yuv420p[out").append(i).append(']');
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-v", "error", "-y",
                "-i", source.toString(), "-filter_complex", graph.toString()));
        String gop = Integer.toString(plan.keyframeInterval());
        for (int i = 0; i < rungs.size(); i++) {
            LadderPlan.PlannedRung rung = rungs.get(i);
            LadderSettings.Rung encoding = rung.encoding();
            Path dir = target.resolve(rung.name());
            command.addAll(List.of("-map", "[out" + i + "]", "-map", "0:a:0?",
                    "-c:v", "libx264", "-preset", preset, "-profile:v", "high",
                    "-b:v", Long.toString(encoding.videoBitrate()), "-maxrate", Long.toString(encoding.maxBitrate()),
                    "-bufsize", Long.toString(encoding.bufferSize()),
                    "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
                    "-force_key_frames", String.format(Locale.ROOT, "expr:gte(t,n_forced*%d)", LadderPlan.KEYFRAME_SECONDS),
                    "-c:a", "aac", "-b:a", Long.toString(encoding.audioBitrate()), "-ac", "2", "-ar", "48000",
                    "-max_muxing_queue_size", "4096",
                    "-f", "hls", "-hls_time", Integer.toString(LadderPlan.SEGMENT_SECONDS),
                    "-hls_playlist_type", "vod", "-hls_segment_type", "mpegts",
                    "-hls_flags", "independent_segments",
                    "-hls_segment_filename", dir.resolve("seg%05d.ts").toString(),
                    dir.resolve(HlsRenditions.MEDIA_PLAYLIST).toString()));
        }
        return command;
    }
}
