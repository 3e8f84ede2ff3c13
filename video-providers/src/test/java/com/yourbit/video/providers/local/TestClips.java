package com.yourbit.video.providers.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Small generated videos (ffmpeg's test pattern and a tone) and what ffprobe or the bytes say of media files. */
final class TestClips {

    private TestClips() {
    }

    /** A clip of the test pattern, with a sine tone unless {@code audioCodec} is null. */
    static Path make(Path file, String size, double seconds, String videoCodec, String audioCodec) throws Exception {
        Files.createDirectories(file.getParent());
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=25:duration=" + seconds));
        if (audioCodec != null) {
            command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", audioCodec));
        }
        command.addAll(List.of("-c:v", videoCodec, "-pix_fmt", "yuv420p", "-f", "mp4", file.toString()));
        run(command);
        return file;
    }

    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** ffprobe's first video stream, frames counted by decoding ({@code nb_read_frames}), and the format. */
    static JsonObject probe(Path file) throws Exception {
        String json = run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames:format=duration", "-of", "json",
                file.toString()));
        return Json.createReader(new StringReader(json)).readObject();
    }

    static JsonObject videoStream(Path file) throws Exception {
        return probe(file).getJsonArray("streams").getJsonObject(0);
    }

    /** The four-letter types of an MP4's top-level boxes, in file order. */
    static List<String> topLevelBoxes(Path mp4) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(mp4)).order(ByteOrder.BIG_ENDIAN);
        List<String> boxes = new ArrayList<>();
        while (bytes.remaining() >= 8) {
            int start = bytes.position();
            long size = bytes.getInt() & 0xffffffffL;
            byte[] type = new byte[4];
            bytes.get(type);
            if (size == 1) {
                size = bytes.getLong();
            } else if (size == 0) {
                size = bytes.limit() - start;
            }
            boxes.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
            if (size < 8 || start + size > bytes.limit()) {
                break;
            }
            bytes.position((int) (start + size));
        }
        return boxes;
    }

    /**
     * An animated WebP's canvas and frames, read from its RIFF chunks (Debian's ffprobe 5.1
     * cannot decode animated WebP): VP8X holds the canvas size, each ANMF one frame and its
     * duration in milliseconds.
     */
    record WebP(int width, int height, int frames, int durationMillis) {
        static WebP read(Path file) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(bytes.array(), 0, 4)).isEqualTo("RIFF");
            assertThat(new String(bytes.array(), 8, 4)).isEqualTo("WEBP");
            int width = 0;
            int height = 0;
            int frames = 0;
            int duration = 0;
            int at = 12;
            while (at + 8 <= bytes.limit()) {
                String type = new String(bytes.array(), at, 4);
                int size = bytes.getInt(at + 4);
                int data = at + 8;
                if (type.equals("VP8X")) {
                    width = 1 + uint24(bytes, data + 4);
                    height = 1 + uint24(bytes, data + 7);
                } else if (type.equals("ANMF")) {
                    frames++;
                    duration += uint24(bytes, data + 12);
                }
                at = data + size + (size & 1);
            }
            return new WebP(width, height, frames, duration);
        }

        private static int uint24(ByteBuffer bytes, int at) {
            return (bytes.get(at) & 0xff) | (bytes.get(at + 1) & 0xff) << 8 | (bytes.get(at + 2) & 0xff) << 16;
        }
    }
}
