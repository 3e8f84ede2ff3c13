package com.yourbit.video.providers.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole blocks go out directly, partial ones buffered: the file must read back exactly as appended. */
class DurableAppenderTest {

    @TempDir
    Path dir;

    @Test
    void chunksOfOddSizesAtUnalignedOffsetsReadBackExactly() throws IOException {
        assertChunksReadBack(dir.resolve("upload.bin"), new int[] {1, 4095, 4097, 8 << 20, 3, 5 << 20, 12_345, 4096, 0, 777});
    }

    @Test
    void localDiskFileSystemsGetDirectIo() throws IOException {
        String type = Files.getFileStore(dir).type();
        Path file = Files.write(dir.resolve("probe.bin"), new byte[0]);
        try (DurableAppender out = DurableAppender.open(file, 0)) {
            if (type.equals("ext4") || type.equals("xfs")) {
                assertThat(out.isDirect()).as("direct I/O on " + type).isTrue();
            }
        }
    }

    @Test
    void smallWritesInsideOneBlockAreKept() throws IOException {
        assertChunksReadBack(dir.resolve("small.bin"), new int[] {10, 20, 30, 4000, 35});
    }

    @Test
    void whereDirectIoIsRefusedEverythingIsWrittenBuffered() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path file = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempFile(shm, "durable-appender", ".bin") : dir.resolve("fallback.bin");
        try {
            assertChunksReadBack(file, new int[] {4095, 9000, 3 << 20, 1});
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void discardedBytesAreGoneAndTheFileEndsWhereTheChunkBegan() throws IOException {
        Path file = dir.resolve("discard.bin");
        byte[] kept = random(5000, 1);
        Files.write(file, kept);
        try (DurableAppender out = DurableAppender.open(file, kept.length)) {
            byte[] more = random(6 << 20, 2);
            out.append(more, 0, more.length);
            out.discardFrom(kept.length);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(kept);
    }

    /** Appends each chunk with its own appender, like one PATCH each, in pieces as a body arrives. */
    private static void assertChunksReadBack(Path file, int[] sizes) throws IOException {
        Files.write(file, new byte[0]);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int seed = 0;
        for (int size : sizes) {
            byte[] chunk = random(size, ++seed);
            try (DurableAppender out = DurableAppender.open(file, Files.size(file))) {
                for (int at = 0; at < size; at += 65_537) {
                    out.append(chunk, at, Math.min(65_537, size - at));
                }
                out.finish();
            }
            expected.write(chunk);
            assertThat(Files.size(file)).isEqualTo(expected.size());
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
