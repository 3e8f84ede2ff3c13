package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FileUploadStoreTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final String ID = "upload-0123456789abcdef";
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));

    @TempDir
    Path dir;

    private FileUploadStore store() {
        return new FileUploadStore(dir, 1000, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes());
    }

    private static ErrorCode reasonOf(Runnable action) {
        UploadStoreException e = catchThrowableOfType(UploadStoreException.class, action::run);
        assertThat(e).as("an UploadStoreException").isNotNull();
        return e.code();
    }

    @Test
    void createdUploadIsFoundEmptyWithItsMetadataAndExpiry() {
        FileUploadStore store = store();

        UploadInfo created = store.create(ID, 10, Map.of("filename", "vidéo = 第一: 🎬.mp4", "is_confidential", ""), EXPIRES);

        assertThat(store.find(ID)).contains(created);
        assertThat(created.length()).isEqualTo(10);
        assertThat(created.offset()).isZero();
        assertThat(created.isComplete()).isFalse();
        assertThat(created.metadata()).containsEntry("filename", "vidéo = 第一: 🎬.mp4").containsEntry("is_confidential", "");
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(store.find("no-such-upload-0000000")).isEmpty();
    }

    @Test
    void creatingAgainWithTheSameLengthIsANoOp() {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("abc"));

        UploadInfo again = store.create(ID, 10, Map.of(), EXPIRES);

        assertThat(again.offset()).as("bytes already received are kept").isEqualTo(3);
    }

    @Test
    void creatingAgainWithAnotherLengthIsAConflict() {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);

        assertThat(reasonOf(() -> store.create(ID, 11, Map.of(), EXPIRES))).isEqualTo(ErrorCode.UPLOAD_CONFLICT);
        assertThat(store.find(ID).orElseThrow().length()).isEqualTo(10);
    }

    @Test
    void uploadAboveTheMaximumIsTooLarge() {
        FileUploadStore store = store();

        assertThat(store.create("at-max-0123456789abcd", 1000, Map.of(), EXPIRES).length()).isEqualTo(1000);
        assertThat(reasonOf(() -> store.create(ID, 1001, Map.of(), EXPIRES))).isEqualTo(ErrorCode.UPLOAD_TOO_LARGE);
        assertThat(store.find(ID)).isEmpty();
    }

    @Test
    void appendAtTheWrongOffsetIsRefusedAndWritesNothing() throws IOException {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("abc"));

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(2), bytes("XYZ")))).isEqualTo(ErrorCode.MISMATCHED_OFFSET);
        assertThat(reasonOf(() -> store.append(ID, Chunk.at(4), bytes("XYZ")))).isEqualTo(ErrorCode.MISMATCHED_OFFSET);

        assertThat(Files.readString(store.data(ID))).isEqualTo("abc");
    }

    @Test
    void appendToAnUnknownUploadIsNotFound() {
        assertThat(reasonOf(() -> store().append(ID, Chunk.at(0), bytes("abc")))).isEqualTo(ErrorCode.UPLOAD_NOT_FOUND);
    }

    @Test
    void chunksAppendUntilComplete() throws IOException {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);

        UploadInfo first = store.append(ID, Chunk.at(0), bytes("0123"));
        UploadInfo second = store.append(ID, Chunk.at(4), bytes("456"));
        UploadInfo last = store.append(ID, Chunk.at(7), bytes("789"));

        assertThat(first.offset()).isEqualTo(4);
        assertThat(second.offset()).isEqualTo(7);
        assertThat(second.isComplete()).isFalse();
        assertThat(last.offset()).isEqualTo(10);
        assertThat(last.isComplete()).isTrue();
        assertThat(Files.readString(store.data(ID))).isEqualTo("0123456789");
    }

    @Test
    void bodyLongerThanTheRemainingLengthKeepsOnlyWhatFits() throws IOException {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("0123"));

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(4), bytes("456789XYZ")))).isEqualTo(ErrorCode.UPLOAD_SIZE_EXCEEDED);

        assertThat(Files.readString(store.data(ID))).isEqualTo("0123456789");
        assertThat(store.find(ID).orElseThrow().isComplete()).isTrue();
    }

    @Test
    void aBodyLongerThanItsChunkIsRefusedAndNoneOfItIsKept() throws IOException {
        FileUploadStore store = new FileUploadStore(dir, 100_000, Clock.fixed(NOW, ZoneOffset.UTC));
        store.create(ID, 100_000, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("abc"));

        // Within the upload's length, but past the 3 bytes the client said it sends.
        assertThat(reasonOf(() -> store.append(ID, Chunk.at(3).ofSize(3), bytes("defghijk")))).isEqualTo(ErrorCode.INVALID_CONTENT_RANGE);
        assertThat(Files.readString(store.data(ID))).isEqualTo("abc");
        assertThat(store.find(ID).orElseThrow().offset()).isEqualTo(3);

        // Whole blocks written on the way are taken back too.
        String large = "x".repeat(40_000);
        assertThat(reasonOf(() -> store.append(ID, Chunk.at(3).ofSize(30_000), bytes(large)))).isEqualTo(ErrorCode.INVALID_CONTENT_RANGE);
        assertThat(Files.size(store.data(ID))).isEqualTo(3);

        assertThat(store.append(ID, Chunk.at(3).ofSize(3), bytes("def")).offset()).as("exactly its size").isEqualTo(6);
        assertThat(store.append(ID, Chunk.at(6).ofSize(10), bytes("gh")).offset()).as("a shorter body keeps what came").isEqualTo(8);
    }

    @Test
    void anyBodyOnACompleteUploadExceedsItsLength() throws IOException {
        FileUploadStore store = store();
        store.create(ID, 3, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("abc"));

        assertThat(store.append(ID, Chunk.at(3), bytes("")).offset()).as("an empty body is fine").isEqualTo(3);
        assertThat(reasonOf(() -> store.append(ID, Chunk.at(3), bytes("d")))).isEqualTo(ErrorCode.UPLOAD_SIZE_EXCEEDED);
        assertThat(Files.readString(store.data(ID))).isEqualTo("abc");
    }

    /** A broken connection, as the container reports it: an IOException, or unchecked (Undertow's read timeout). */
    static Stream<Supplier<Exception>> brokenConnections() {
        return Stream.of(() -> new IOException("client went away"),
                () -> new NullPointerException("Cannot invoke \"io.undertow.connector.PooledByteBuffer.getBuffer()\""));
    }

    @ParameterizedTest
    @MethodSource("brokenConnections")
    void interruptedBodyKeepsTheBytesThatArrived(Supplier<Exception> failure) throws IOException {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        InputStream brokenAfterFour = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent == 4) {
                    Exception e = failure.get();
                    if (e instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) e;
                }
                int n = Math.min(len, 2);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ('0' + sent++);
                }
                return n;
            }
        };

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), brokenAfterFour))).isEqualTo(ErrorCode.BODY_INTERRUPTED);

        assertThat(Files.readString(store.data(ID))).isEqualTo("0123");
        assertThat(store.find(ID).orElseThrow().offset()).isEqualTo(4);
        assertThat(store.append(ID, Chunk.at(4), bytes("456789")).isComplete()).as("the client resumes").isTrue();
    }

    /**
     * A body that sends {@code first}, then stalls like a dead connection: the next read waits
     * until released by the test or, when {@code honoursInterrupts}, until the thread is
     * interrupted (Undertow then throws InterruptedIOException).
     */
    static final class StallingBody extends InputStream {
        private final byte[] first;
        private final boolean honoursInterrupts;
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private boolean sent;

        StallingBody(String first, boolean honoursInterrupts) {
            this.first = first.getBytes();
            this.honoursInterrupts = honoursInterrupts;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!sent) {
                sent = true;
                System.arraycopy(first, 0, b, off, first.length);
                return first.length;
            }
            stalled.countDown();
            while (true) {
                try {
                    if (resume.await(10, TimeUnit.SECONDS)) {
                        return -1;
                    }
                    throw new IOException("the test never resumed the body");
                } catch (InterruptedException e) {
                    if (honoursInterrupts) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("I/O operation was interrupted");
                    }
                }
            }
        }
    }

    /** Creates a 10-byte upload and starts its first append, which returns once the body stalls. */
    private static CompletableFuture<UploadInfo> stalledAppend(FileUploadStore store, StallingBody body) throws Exception {
        store.create(ID, 10, Map.of(), EXPIRES);
        CompletableFuture<UploadInfo> append = CompletableFuture.supplyAsync(() -> store.append(ID, Chunk.at(0), body));
        assertThat(body.stalled.await(10, TimeUnit.SECONDS)).as("the first append stalls in its body").isTrue();
        return append;
    }

    @Test
    void aRequestForABusyUploadStopsTheStalledAppendWhichKeepsWhatArrived() throws Exception {
        FileUploadStore store = store();
        CompletableFuture<UploadInfo> first = stalledAppend(store, new StallingBody("abc", true));

        // A HEAD while it stalls: the stalled request stops and stores what it received.
        assertThat(store.findWhenIdle(ID).orElseThrow().offset()).isEqualTo(3);
        UploadStoreException stopped = catchThrowableOfType(UploadStoreException.class, () -> {
            try {
                first.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        });
        assertThat(stopped.code()).isEqualTo(ErrorCode.BODY_INTERRUPTED);

        // A second PATCH at the stale offset is refused; at the new one it appends. Never interleaved.
        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), bytes("XYZ")))).isEqualTo(ErrorCode.MISMATCHED_OFFSET);
        assertThat(store.append(ID, Chunk.at(3), bytes("defghij")).isComplete()).isTrue();
        assertThat(Files.readString(store.data(ID))).isEqualTo("abcdefghij");
    }

    @Test
    void aWriterTooSlowForAWholeWindowIsAskedToStopAndKeepsWhatArrived() throws Exception {
        FileUploadStore store = store();
        CompletableFuture<UploadInfo> trickling = stalledAppend(store, new StallingBody("abc", true));

        // Within the window nothing is judged; after it, 3 bytes are below a 1 KiB minimum.
        assertThat(store.locks().releaseSlowWriters(1024, Duration.ofHours(1))).isZero();
        Thread.sleep(20);
        assertThat(store.locks().releaseSlowWriters(1024, Duration.ofMillis(10))).isEqualTo(1);

        UploadStoreException stopped = catchThrowableOfType(UploadStoreException.class, () -> {
            try {
                trickling.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        });
        assertThat(stopped.code()).isEqualTo(ErrorCode.BODY_INTERRUPTED);
        assertThat(store.find(ID).orElseThrow().offset()).as("the client resumes from here").isEqualTo(3);
        assertThat(store.locks().releaseSlowWriters(1024, Duration.ofMillis(10))).as("no writer left").isZero();
    }

    @Test
    void aWriterThatKeepsUpIsLeftAlone() throws Exception {
        FileUploadStore store = store();
        CompletableFuture<UploadInfo> writing = stalledAppend(store, new StallingBody("abcdef", true));
        Thread.sleep(20);
        assertThat(store.locks().releaseSlowWriters(6, Duration.ofMillis(10))).as("6 bytes in the window suffice").isZero();
        assertThat(writing).isNotDone();
        assertThat(store.findWhenIdle(ID).orElseThrow().offset()).isEqualTo(6);
        assertThat(writing).failsWithin(10, TimeUnit.SECONDS);
    }

    @Test
    void aSecondAppendStopsTheFirstAndGetsTheUploadAfterIt() throws Exception {
        FileUploadStore store = store();
        CompletableFuture<UploadInfo> first = stalledAppend(store, new StallingBody("ab", true));

        assertThat(store.append(ID, Chunk.at(2), bytes("cd")).offset()).as("the resuming client's PATCH").isEqualTo(4);

        assertThat(first).failsWithin(10, TimeUnit.SECONDS);
        assertThat(Files.readString(store.data(ID))).isEqualTo("abcd");
    }

    @Test
    void anUploadThatDoesNotComeFreeInTimeIsLockedAndUntouched() throws Exception {
        FileUploadStore store = new FileUploadStore(dir, 1000, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(300));
        StallingBody deaf = new StallingBody("a", false);
        CompletableFuture<UploadInfo> first = stalledAppend(store, deaf);

        try {
            assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), bytes("b")))).isEqualTo(ErrorCode.UPLOAD_LOCKED);
            assertThat(reasonOf(() -> store.terminate(ID))).isEqualTo(ErrorCode.UPLOAD_LOCKED);
            assertThat(reasonOf(() -> store.findWhenIdle(ID))).isEqualTo(ErrorCode.UPLOAD_LOCKED);
        } finally {
            deaf.resume.countDown();
        }

        assertThat(first.get(10, TimeUnit.SECONDS).offset()).isEqualTo(1);
        assertThat(store.append(ID, Chunk.at(1), bytes("b")).offset()).as("the lock is released afterwards").isEqualTo(2);
        assertThat(Files.readString(store.data(ID))).isEqualTo("ab");
    }

    @Test
    void terminateRemovesTheUploadAndItsFiles() throws IOException {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("abc"));

        store.terminate(ID);

        assertThat(store.find(ID)).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        store.terminate(ID); // deleting again is harmless
        assertThat(store.create(ID, 5, Map.of(), EXPIRES).offset()).as("the id can be created afresh").isZero();
    }

    @Test
    void aDeferredLengthIsDeclaredByALaterChunkAndOnlyOnce() {
        FileUploadStore store = store();
        UploadInfo created = store.create(ID, UploadInfo.DEFERRED, Map.of(), EXPIRES);
        assertThat(created.isLengthDeferred()).isTrue();
        assertThat(created.isComplete()).isFalse();

        UploadInfo some = store.append(ID, Chunk.at(0), bytes("abc"));
        assertThat(some.isLengthDeferred()).isTrue();
        assertThat(some.offset()).isEqualTo(3);

        UploadInfo last = store.append(ID, new Chunk(3, Optional.of(5L), Optional.empty()), bytes("de"));
        assertThat(last.length()).isEqualTo(5);
        assertThat(last.isComplete()).isTrue();
        assertThat(reasonOf(() -> store.append(ID, new Chunk(5, Optional.of(6L), Optional.empty()), bytes(""))))
                .as("a declared length cannot change").isEqualTo(ErrorCode.UPLOAD_CONFLICT);
    }

    @Test
    void aDeferredLengthIsBoundedByTheMaximumSize() {
        FileUploadStore store = store();
        store.create(ID, UploadInfo.DEFERRED, Map.of(), EXPIRES);
        assertThat(reasonOf(() -> store.append(ID, new Chunk(0, Optional.of(1001L), Optional.empty()), bytes("a"))))
                .isEqualTo(ErrorCode.UPLOAD_TOO_LARGE);
        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), bytes("x".repeat(1001))))).isEqualTo(ErrorCode.UPLOAD_TOO_LARGE);
    }

    @Test
    void aChunkMatchingItsChecksumIsKeptAndAMismatchIsDiscardedWhole() throws Exception {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        Chunk good = new Chunk(0, Optional.empty(), Optional.of(new ChunkChecksum("sha1", sha("SHA-1", "0123"))));
        assertThat(store.append(ID, good, bytes("0123")).offset()).isEqualTo(4);

        Chunk bad = new Chunk(4, Optional.empty(), Optional.of(new ChunkChecksum("sha256", sha("SHA-256", "45678"))));
        assertThat(reasonOf(() -> store.append(ID, bad, bytes("4567X")))).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
        assertThat(store.find(ID).orElseThrow().offset()).isEqualTo(4);
        assertThat(Files.readString(store.data(ID))).isEqualTo("0123");

        Chunk retry = new Chunk(4, Optional.empty(), Optional.of(new ChunkChecksum("sha256", sha("SHA-256", "456789"))));
        assertThat(store.append(ID, retry, bytes("456789")).isComplete()).isTrue();
    }

    @Test
    void anUnverifiedChunkLeftByACrashDoesNotCountAndIsRolledBack() throws Exception {
        FileUploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), bytes("0123"));
        // What a crash in the middle of a checksummed chunk leaves behind.
        Files.writeString(dir.resolve(ID + ".pending"), "4");
        Files.writeString(store.data(ID), "0123??", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);

        FileUploadStore restarted = store();
        assertThat(restarted.find(ID).orElseThrow().offset()).isEqualTo(4);
        assertThat(restarted.append(ID, Chunk.at(4), bytes("45")).offset()).isEqualTo(6);
        assertThat(Files.readString(store.data(ID))).isEqualTo("012345");
    }

    @Test
    void expiredUnfinishedUploadsRefuseBytesAndAreSweptButCompleteOnesStay() {
        FileUploadStore store = store();
        String done = "complete-0123456789abcdef";
        String fresh = "fresh-0123456789abcdef";
        store.create(ID, 10, Map.of(), NOW.minusSeconds(1));
        store.create(done, 1, Map.of(), NOW.minusSeconds(1));
        store.create(fresh, 10, Map.of(), EXPIRES);
        // The complete upload finished in time (the clock is fixed, so fill it through a second store).
        new FileUploadStore(dir, 1000, Clock.fixed(NOW.minusSeconds(5), ZoneOffset.UTC)).append(done, Chunk.at(0), bytes("x"));

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), bytes("abc")))).isEqualTo(ErrorCode.UPLOAD_EXPIRED);
        assertThat(store.removeExpired()).containsExactly(ID);
        assertThat(store.find(ID)).isEmpty();
        assertThat(Files.exists(store.data(ID))).isFalse();
        assertThat(store.find(done)).isPresent();
        assertThat(store.find(fresh)).isPresent();
        assertThat(store.removeExpired()).isEmpty();
    }

    private static byte[] sha(String algorithm, String text) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes());
    }
}
