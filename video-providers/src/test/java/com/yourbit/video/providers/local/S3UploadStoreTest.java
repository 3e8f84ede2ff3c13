package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.providers.local.objects.ObjectStore;
import com.yourbit.video.providers.local.objects.S3ProxyServer;
import com.yourbit.video.providers.local.objects.S3Settings;
import com.yourbit.video.providers.local.objects.StoredObject;
import com.yourbit.video.providers.local.objects.StoredPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The S3 upload store against a real S3Proxy: what tusd's s3store does, under the file store's contract. */
class S3UploadStoreTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final String ID = "upload-0123456789abcdef";
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));
    private static final int MIB = 1024 * 1024;
    private static final int PART = 5 * MIB;
    private static final long MAX = 100L * MIB;

    @TempDir
    Path scratch;

    private S3Settings settings;
    private ObjectStore objects;

    @BeforeEach
    void bucket() {
        settings = S3ProxyServer.get().bucket();
        objects = ObjectStore.connect(settings);
    }

    @AfterEach
    void close() {
        objects.close();
    }

    /** A store as a node builds it at start: its own client; everything it knows comes from the bucket. */
    private S3UploadStore store() {
        return store(Clock.fixed(NOW, ZoneOffset.UTC), UploadLocks.RELEASE_WAIT);
    }

    private S3UploadStore store(Clock clock, Duration releaseWait) {
        return new S3UploadStore(ObjectStore.connect(settings), "uploads/", scratch, MAX, S3Settings.S3_MIN_PART_SIZE,
                MAX, clock, new UploadLocks(releaseWait));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static InputStream slice(byte[] bytes, int from, int to) {
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    private static ErrorCode reasonOf(Runnable action) {
        UploadStoreException e = catchThrowableOfType(UploadStoreException.class, action::run);
        assertThat(e).as("an UploadStoreException").isNotNull();
        return e.code();
    }

    private List<StoredPart> parts(String id) throws IOException {
        Properties info = new Properties();
        info.load(new StringReader(new String(objects.bytes("uploads/" + id + ".info").orElseThrow(), StandardCharsets.UTF_8)));
        return objects.parts("uploads/" + id, info.getProperty("multipart")).orElseThrow();
    }

    private Optional<StoredObject> tail(String id) throws IOException {
        return objects.head("uploads/" + id + ".part");
    }

    private byte[] stored(String id) throws IOException {
        return objects.bytes("uploads/" + id).orElseThrow();
    }

    @Test
    void createdUploadIsFoundEmptyWithItsMetadataAndExpiry() {
        S3UploadStore store = store();

        UploadInfo created = store.create(ID, 10, Map.of("filename", "vidéo = 第一: 🎬.mp4", "is_confidential", ""), EXPIRES);

        assertThat(store().find(ID)).contains(created);
        assertThat(created.offset()).isZero();
        assertThat(created.metadata()).containsEntry("filename", "vidéo = 第一: 🎬.mp4").containsEntry("is_confidential", "");
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.expiresAt()).isEqualTo(EXPIRES);
        assertThat(store.find("no-such-upload-0000000")).isEmpty();
        assertThat(reasonOf(() -> store.create(ID, 11, Map.of(), EXPIRES))).isEqualTo(ErrorCode.UPLOAD_CONFLICT);
        assertThat(reasonOf(() -> store.create("too-large-0123456789ab", MAX + 1, Map.of(), EXPIRES)))
                .isEqualTo(ErrorCode.UPLOAD_TOO_LARGE);
    }

    @Test
    void bytesWaitInTheTailUntilTheyFillAPartOfAtLeastFiveMiB() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(12 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);

        assertThat(store.append(ID, Chunk.at(0), slice(bytes, 0, 3 * MIB)).offset()).isEqualTo(3 * MIB);
        assertThat(parts(ID)).as("3 MiB do not make a part").isEmpty();
        assertThat(tail(ID).orElseThrow().size()).isEqualTo(3 * MIB);

        assertThat(store.append(ID, Chunk.at(3 * MIB), slice(bytes, 3 * MIB, 7 * MIB)).offset()).isEqualTo(7 * MIB);
        assertThat(parts(ID)).extracting(StoredPart::size).containsExactly((long) PART);
        assertThat(tail(ID).orElseThrow().size()).isEqualTo(2 * MIB);

        UploadInfo done = store.append(ID, Chunk.at(7 * MIB), slice(bytes, 7 * MIB, 12 * MIB));
        assertThat(done.isComplete()).isTrue();
        assertThat(stored(ID)).as("the object, byte for byte").isEqualTo(bytes);
        assertThat(tail(ID)).isEmpty();
        assertThat(store.find(ID).orElseThrow().offset()).isEqualTo(bytes.length);
    }

    @Test
    void anUploadWhoseJoinWasCutShortIsJoinedWhenItsOffsetOrBytesAreAskedFor() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(PART + 10);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), slice(bytes, 0, PART));
        // What a stop between the last part and the join leaves: every byte sent, nothing joined.
        objects.put("uploads/" + ID + ".part", Arrays.copyOfRange(bytes, PART, bytes.length), Map.of("follows-parts", "1"));
        assertThat(objects.head("uploads/" + ID)).isEmpty();

        assertThat(store().findWhenIdle(ID).orElseThrow().isComplete()).isTrue();

        assertThat(stored(ID)).isEqualTo(bytes);
        assertThat(tail(ID)).isEmpty();
        assertThat(Files.readAllBytes(store().data(ID))).isEqualTo(bytes);
    }

    @Test
    void theOriginalIsStreamedFromItsObjectWithItsTypeSniffed() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(1000);
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 12);
        store.create(ID, bytes.length, Map.of("filetype", "video/webm"), EXPIRES);
        assertThat(store.original(ID)).as("not complete yet").isEmpty();
        store.append(ID, Chunk.at(0), slice(bytes, 0, bytes.length));

        com.yourbit.video.api.hosted.MediaFile original = store.original(ID).orElseThrow();

        assertThat(original.contentType()).isEqualTo("video/mp4");
        assertThat(original.size()).isEqualTo(1000);
        assertThat(original.isFile()).as("nothing copied to the node to serve it").isFalse();
        try (InputStream in = original.open(100, 50)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 100, 150));
        }
    }

    @Test
    void aNewStoreRecoversTheOffsetFromThePartsAndTheTailAndCompletes() throws IOException {
        byte[] bytes = random(11 * MIB + 17);
        S3UploadStore before = store();
        before.create(ID, bytes.length, Map.of("filename", "a.mp4"), EXPIRES);
        before.append(ID, Chunk.at(0), slice(bytes, 0, 6 * MIB + 5));

        S3UploadStore restarted = store();
        UploadInfo found = restarted.find(ID).orElseThrow();
        assertThat(found.offset()).as("5 MiB in a part and the tail").isEqualTo(6 * MIB + 5);
        assertThat(found.metadata()).containsEntry("filename", "a.mp4");

        assertThat(restarted.append(ID, Chunk.at(6 * MIB + 5), slice(bytes, 6 * MIB + 5, bytes.length)).isComplete()).isTrue();
        assertThat(stored(ID)).isEqualTo(bytes);
    }

    @Test
    void aTailLeftBehindByACrashAfterItsBytesWentIntoAPartIsNotCountedTwice() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(8 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), slice(bytes, 0, PART));
        assertThat(tail(ID)).isEmpty();
        // What a crash leaves between sending a part that took the old tail and replacing the tail.
        objects.put("uploads/" + ID + ".part", Arrays.copyOfRange(bytes, 0, MIB), Map.of("follows-parts", "0"));

        assertThat(store().find(ID).orElseThrow().offset()).isEqualTo(PART);
        assertThat(store.append(ID, Chunk.at(PART), slice(bytes, PART, bytes.length)).isComplete()).isTrue();
        assertThat(stored(ID)).isEqualTo(bytes);
    }

    @Test
    void aChecksumMismatchStoresNothingAndLeavesTheOffsetWhereItWas() throws Exception {
        S3UploadStore store = store();
        byte[] bytes = random(14 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), slice(bytes, 0, 2 * MIB));

        byte[] chunk = Arrays.copyOfRange(bytes, 2 * MIB, 10 * MIB);
        byte[] corrupted = chunk.clone();
        corrupted[corrupted.length - 1] ^= 1;
        Chunk withChecksum = new Chunk(2 * MIB, Optional.empty(),
                Optional.of(new ChunkChecksum("sha256", MessageDigest.getInstance("SHA-256").digest(chunk))));
        assertThat(reasonOf(() -> store.append(ID, withChecksum, new ByteArrayInputStream(corrupted))))
                .isEqualTo(ErrorCode.CHECKSUM_MISMATCH);

        assertThat(store().find(ID).orElseThrow().offset()).isEqualTo(2 * MIB);
        assertThat(parts(ID)).as("no part was sent").isEmpty();
        assertThat(tail(ID).orElseThrow().size()).isEqualTo(2 * MIB);

        assertThat(store.append(ID, withChecksum, new ByteArrayInputStream(chunk)).offset()).isEqualTo(10 * MIB);
        assertThat(parts(ID)).as("the tail and the chunk fill two parts").extracting(StoredPart::size)
                .containsExactly((long) PART, (long) PART);
        assertThat(tail(ID)).isEmpty();
        assertThat(store.append(ID, Chunk.at(10 * MIB), slice(bytes, 10 * MIB, bytes.length)).isComplete()).isTrue();
        assertThat(stored(ID)).isEqualTo(bytes);
        assertThat(scratch.resolve("requests")).as("nothing is left on the node").isEmptyDirectory();
    }

    @Test
    void aBodyLongerThanItsChunkIsRefusedAndNoneOfItIsKept() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(7 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0).ofSize(6 * MIB), slice(bytes, 0, 6 * MIB + 1))))
                .isEqualTo(ErrorCode.INVALID_CONTENT_RANGE);

        assertThat(store.find(ID).orElseThrow().offset()).isZero();
        assertThat(parts(ID)).isEmpty();
        assertThat(tail(ID)).isEmpty();
    }

    @Test
    void anInterruptedBodyKeepsWhatArrivedAsAPartAndATail() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(9 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        InputStream brokenAfterSix = new InputStream() {
            private final InputStream sent = slice(bytes, 0, 6 * MIB);

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = sent.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), brokenAfterSix))).isEqualTo(ErrorCode.BODY_INTERRUPTED);

        assertThat(store().find(ID).orElseThrow().offset()).isEqualTo(6 * MIB);
        assertThat(parts(ID)).extracting(StoredPart::size).containsExactly((long) PART);
        assertThat(store.append(ID, Chunk.at(6 * MIB), slice(bytes, 6 * MIB, bytes.length)).isComplete()).isTrue();
        assertThat(stored(ID)).isEqualTo(bytes);
    }

    @Test
    void anyBodyOnACompleteUploadExceedsItsLengthAndTheObjectStays() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(3 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), slice(bytes, 0, bytes.length));

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(bytes.length), new ByteArrayInputStream(new byte[] {1}))))
                .isEqualTo(ErrorCode.UPLOAD_SIZE_EXCEEDED);

        assertThat(store.find(ID).orElseThrow().offset()).isEqualTo(bytes.length);
        assertThat(stored(ID)).isEqualTo(bytes);
    }

    @Test
    void aDeferredLengthDeclaredWithAnEmptyBodyJoinsTheTailAsTheLastPart() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(7 * MIB);
        store.create(ID, UploadInfo.DEFERRED, Map.of(), EXPIRES);
        assertThat(store.append(ID, Chunk.at(0), slice(bytes, 0, bytes.length)).isLengthDeferred()).isTrue();

        UploadInfo last = store.append(ID, new Chunk(bytes.length, Optional.of((long) bytes.length), Optional.empty()),
                new ByteArrayInputStream(new byte[0]));

        assertThat(last.isComplete()).isTrue();
        assertThat(stored(ID)).isEqualTo(bytes);
        assertThat(reasonOf(() -> store.append(ID, new Chunk(bytes.length, Optional.of(bytes.length + 1L), Optional.empty()),
                new ByteArrayInputStream(new byte[0])))).isEqualTo(ErrorCode.UPLOAD_CONFLICT);
    }

    @Test
    void anEmptyUploadIsCompleteAtOnce() throws IOException {
        S3UploadStore store = store();

        assertThat(store.create(ID, 0, Map.of(), EXPIRES).isComplete()).isTrue();

        assertThat(stored(ID)).isEmpty();
    }

    @Test
    void terminateAbortsThePartsAndDeletesTheObjects() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(12 * MIB);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), slice(bytes, 0, 7 * MIB));
        List<StoredPart> before = parts(ID);
        assertThat(before).hasSize(1);
        Properties info = new Properties();
        info.load(new StringReader(new String(objects.bytes("uploads/" + ID + ".info").orElseThrow(), StandardCharsets.UTF_8)));

        store.terminate(ID);

        assertThat(store.find(ID)).isEmpty();
        assertThat(objects.list("uploads/")).isEmpty();
        assertThat(objects.parts("uploads/" + ID, info.getProperty("multipart")).orElse(List.of())).isEmpty();
        store.terminate(ID);
        assertThat(store.create(ID, 5, Map.of(), EXPIRES).offset()).as("the id can be created afresh").isZero();
    }

    @Test
    void aSecondPatchWhileTheFirstHoldsTheUploadIsRefusedAndNeverInterleaved() throws Exception {
        S3UploadStore store = store(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(300));
        store.create(ID, 10, Map.of(), EXPIRES);
        FileUploadStoreTest.StallingBody deaf = new FileUploadStoreTest.StallingBody("a", false);
        CompletableFuture<UploadInfo> first = CompletableFuture.supplyAsync(() -> store.append(ID, Chunk.at(0), deaf));
        assertThat(deaf.stalled.await(10, TimeUnit.SECONDS)).isTrue();

        try {
            assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), new ByteArrayInputStream(new byte[] {'b'}))))
                    .isEqualTo(ErrorCode.UPLOAD_LOCKED);
            assertThat(reasonOf(() -> store.terminate(ID))).isEqualTo(ErrorCode.UPLOAD_LOCKED);
        } finally {
            deaf.resume.countDown();
        }

        assertThat(first.get(10, TimeUnit.SECONDS).offset()).isEqualTo(1);
        assertThat(store.append(ID, Chunk.at(1), new ByteArrayInputStream("bcdefghij".getBytes())).isComplete()).isTrue();
        assertThat(new String(stored(ID))).isEqualTo("abcdefghij");
    }

    @Test
    void aRequestForABusyUploadStopsTheStalledAppendWhichKeepsWhatArrived() throws Exception {
        S3UploadStore store = store();
        store.create(ID, 10, Map.of(), EXPIRES);
        FileUploadStoreTest.StallingBody stalled = new FileUploadStoreTest.StallingBody("abc", true);
        CompletableFuture<UploadInfo> first = CompletableFuture.supplyAsync(() -> store.append(ID, Chunk.at(0), stalled));
        assertThat(stalled.stalled.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(store.findWhenIdle(ID).orElseThrow().offset()).isEqualTo(3);
        assertThat(first).failsWithin(10, TimeUnit.SECONDS);
        assertThat(store.append(ID, Chunk.at(3), new ByteArrayInputStream("defghij".getBytes())).isComplete()).isTrue();
        assertThat(new String(stored(ID))).isEqualTo("abcdefghij");
    }

    @Test
    void expiredUnfinishedUploadsAreSweptButCompleteOnesStay() throws IOException {
        String done = "complete-0123456789abcdef";
        String fresh = "fresh-0123456789abcdef";
        S3UploadStore store = store();
        store.create(ID, 10, Map.of(), NOW.minusSeconds(1));
        store.create(done, 1, Map.of(), NOW.minusSeconds(1));
        store.create(fresh, 10, Map.of(), EXPIRES);
        store(Clock.fixed(NOW.minusSeconds(5), ZoneOffset.UTC), UploadLocks.RELEASE_WAIT)
                .append(done, Chunk.at(0), new ByteArrayInputStream(new byte[] {'x'}));

        assertThat(reasonOf(() -> store.append(ID, Chunk.at(0), new ByteArrayInputStream(new byte[] {'a'}))))
                .isEqualTo(ErrorCode.UPLOAD_EXPIRED);
        assertThat(store.removeExpired()).containsExactly(ID);
        assertThat(store.find(ID)).isEmpty();
        assertThat(store.find(done)).isPresent();
        assertThat(store.find(fresh)).isPresent();
        assertThat(objects.list("uploads/" + ID)).isEmpty();
    }

    @Test
    void aCompleteUploadIsCopiedToTheNodeOnceAndTheCopyGoesWithTheUpload() throws IOException {
        S3UploadStore store = store();
        byte[] bytes = random(6 * MIB + 3);
        store.create(ID, bytes.length, Map.of(), EXPIRES);
        store.append(ID, Chunk.at(0), slice(bytes, 0, 2 * MIB));
        assertThat(catchThrowableOfType(java.io.UncheckedIOException.class, () -> store.data(ID)))
                .as("an incomplete upload has no original").isNotNull();
        store.append(ID, Chunk.at(2 * MIB), slice(bytes, 2 * MIB, bytes.length));

        Path copy = store.data(ID);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        objects.delete("uploads/" + ID);
        assertThat(store.data(ID)).as("the copy serves later readers without the store").isEqualTo(copy);

        store.terminate(ID);
        assertThat(copy).doesNotExist();
    }

    @Test
    void aTailLeftByALargerPartSizeIsSentAsAPartAfterARestartWithASmallerOne() throws IOException {
        byte[] bytes = random(13 * MIB);
        S3UploadStore larger = new S3UploadStore(ObjectStore.connect(settings), "uploads/", scratch, MAX, 7L * MIB, MAX,
                Clock.fixed(NOW, ZoneOffset.UTC), new UploadLocks(UploadLocks.RELEASE_WAIT));
        larger.create(ID, bytes.length, Map.of(), EXPIRES);
        larger.append(ID, Chunk.at(0), slice(bytes, 0, 6 * MIB));
        assertThat(tail(ID).orElseThrow().size()).as("below 7 MiB: waits").isEqualTo(6 * MIB);

        S3UploadStore restarted = store();
        assertThat(restarted.append(ID, Chunk.at(6 * MIB), slice(bytes, 6 * MIB, 8 * MIB)).offset()).isEqualTo(8 * MIB);
        assertThat(parts(ID)).extracting(StoredPart::size).containsExactly(6L * MIB);
        assertThat(tail(ID).orElseThrow().size()).isEqualTo(2 * MIB);
        assertThat(restarted.append(ID, Chunk.at(8 * MIB), slice(bytes, 8 * MIB, bytes.length)).isComplete()).isTrue();
        assertThat(stored(ID)).isEqualTo(bytes);
    }

    @Test
    void thePartSizeGrowsSoTheMaximumFitsInTenThousandParts() {
        S3UploadStore large = new S3UploadStore(objects, "uploads/", scratch, 100L * 1024 * MIB, S3Settings.S3_MIN_PART_SIZE, MAX,
                Clock.systemUTC(), new UploadLocks(UploadLocks.RELEASE_WAIT));

        assertThat(large.partSize()).isGreaterThan(PART);
        assertThat(large.partSize() * S3UploadStore.MAX_PARTS).isGreaterThanOrEqualTo(100L * 1024 * MIB);
        assertThat(store().partSize()).isEqualTo(PART);
    }
}
