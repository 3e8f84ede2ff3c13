package com.yourbit.video.providers.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one ffmpeg (or ffprobe) command to its end or its time limit. What it printed goes to
 * a file beside its output, not to a pipe nobody reads (a full pipe would stall it), and the
 * end of it is kept in the exception for the server log: clients only ever hear that the
 * media could not be made.
 */
final class FfmpegRun {

    /** With {@code -v error} ffmpeg says little; this keeps a log line short. */
    private static final int TAIL_BYTES = 600;

    private FfmpegRun() {
    }

    /**
     * @param logDir where the command's output is kept while it runs (the caller's scratch space)
     * @param what names the work in the exception message, e.g. {@code "the MP4"}
     * @throws IOException when the command cannot start, fails, times out or is interrupted
     */
    static void run(List<String> command, Duration timeout, Path logDir, String what) throws IOException {
        Path log = Files.createTempFile(logDir, "ffmpeg", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("ffmpeg did not make " + what + " within " + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making " + what, e);
            }
            if (process.exitValue() != 0) {
                throw new IOException("ffmpeg could not make " + what + " (exit " + process.exitValue() + "): " + tail(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The last lines only: a damaged input can make ffmpeg repeat an error for every frame. */
    private static String tail(Path log) {
        try (SeekableByteChannel in = Files.newByteChannel(log)) {
            long size = in.size();
            ByteBuffer end = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            in.position(size - end.capacity());
            while (end.hasRemaining() && in.read(end) > 0) {
                // reads until the buffer is full
            }
            String text = new String(end.array(), 0, end.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no output)" : (size > TAIL_BYTES ? "…" : "") + text;
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
