package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The upload lock of nodes that share the upload storage, against a real PostgreSQL (the
 * build's, 127.0.0.1:5432 unless -Dit.pg.* say otherwise; skipped with -DskipPostgres): two
 * "nodes" here are two stores on one directory, each with its own lock table and connections.
 */
class PostgresUploadLocksTest {

    private static final Instant EXPIRES = Instant.now().plus(Duration.ofDays(1));

    @TempDir
    Path shared;

    private final String id = "upload-" + UUID.randomUUID().toString().replace("-", "");
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void needsPostgres() {
        assumeFalse(Boolean.getBoolean("skipPostgres"), "PostgreSQL tests are skipped (-DskipPostgres)");
    }

    @AfterEach
    void close() throws Exception {
        pollers.shutdownNow();
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    static PGSimpleDataSource database() {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setServerNames(new String[] {System.getProperty("it.pg.host", "127.0.0.1")});
        db.setPortNumbers(new int[] {Integer.getInteger("it.pg.port", 5432)});
        db.setDatabaseName("postgres");
        db.setUser(System.getProperty("it.pg.user", "postgres"));
        db.setPassword(System.getProperty("it.pg.password", "postgres"));
        return db;
    }

    /** A node: its own lock table and connections, the shared directory, and (if it listens) its look for requests to stop. */
    private FileUploadStore node(Duration releaseWait, boolean listens) {
        PostgresUploadLocks cluster = new PostgresUploadLocks(database());
        closing.add(cluster);
        UploadLocks locks = new UploadLocks(releaseWait, cluster);
        if (listens) {
            cluster.stopRequests(); // LISTEN before anyone asks
            long poll = UploadLocks.POLL.toMillis();
            pollers.scheduleWithFixedDelay(locks::stopWhereAsked, poll, poll, TimeUnit.MILLISECONDS);
        }
        return new FileUploadStore(shared, 1000, Clock.systemUTC(), locks);
    }

    private static ErrorCode reasonOf(CompletableFuture<?> request) {
        UploadStoreException e = catchThrowableOfType(UploadStoreException.class, () -> {
            try {
                request.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                throw failed.getCause();
            }
        });
        assertThat(e).as("an UploadStoreException").isNotNull();
        return e.code();
    }

    @Test
    void anUploadHeldOnOneNodeIsNotFreeOnAnotherUntilLetGo() {
        FileUploadStore a = node(UploadLocks.RELEASE_WAIT, false);
        FileUploadStore b = node(UploadLocks.RELEASE_WAIT, false);

        try (UploadLocks.Held held = a.locks().acquire(id)) {
            assertThat(b.locks().tryAcquire(id)).as("held by node A").isEmpty();
            assertThat(a.locks().tryAcquire("other-" + id)).as("another upload is free").isPresent().get()
                    .satisfies(UploadLocks.Held::close);
        }
        try (UploadLocks.Held held = b.locks().tryAcquire(id).orElseThrow()) {
            assertThat(a.locks().tryAcquire(id)).as("now held by node B").isEmpty();
        }
    }

    @Test
    void aHeadOnAnotherNodeStopsTheStalledPatchAndReportsTheBytesItKept() throws Exception {
        FileUploadStore a = node(UploadLocks.RELEASE_WAIT, true);
        FileUploadStore b = node(UploadLocks.RELEASE_WAIT, true);
        a.create(id, 10, Map.of(), EXPIRES);
        FileUploadStoreTest.StallingBody body = new FileUploadStoreTest.StallingBody("abc", true);
        CompletableFuture<UploadInfo> first = CompletableFuture.supplyAsync(() -> a.append(id, Chunk.at(0), body));
        assertThat(body.stalled.await(10, TimeUnit.SECONDS)).as("node A's PATCH stalls in its body").isTrue();

        long started = System.nanoTime();
        assertThat(b.findWhenIdle(id).orElseThrow().offset()).as("HEAD on node B").isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("asked, not timed out").isLessThan(Duration.ofSeconds(5));
        assertThat(reasonOf(first)).isEqualTo(ErrorCode.BODY_INTERRUPTED);

        assertThat(b.append(id, Chunk.at(3), new ByteArrayInputStream("defghij".getBytes())).isComplete()).isTrue();
        assertThat(Files.readString(a.data(id))).isEqualTo("abcdefghij");
    }

    @Test
    void aPatchOnAnotherNodeGetsTheUploadAfterTheHolderStopsAndAStaleOffsetIsRefused() throws Exception {
        FileUploadStore a = node(UploadLocks.RELEASE_WAIT, true);
        FileUploadStore b = node(UploadLocks.RELEASE_WAIT, true);
        a.create(id, 10, Map.of(), EXPIRES);
        FileUploadStoreTest.StallingBody body = new FileUploadStoreTest.StallingBody("ab", true);
        CompletableFuture<UploadInfo> first = CompletableFuture.supplyAsync(() -> a.append(id, Chunk.at(0), body));
        assertThat(body.stalled.await(10, TimeUnit.SECONDS)).isTrue();

        // The client resumes on node B at the offset it knows (0): tus answers 409 once the holder stopped.
        UploadStoreException stale = catchThrowableOfType(UploadStoreException.class,
                () -> b.append(id, Chunk.at(0), new ByteArrayInputStream("XY".getBytes())));
        assertThat(stale.code()).isEqualTo(ErrorCode.MISMATCHED_OFFSET);
        assertThat(reasonOf(first)).isEqualTo(ErrorCode.BODY_INTERRUPTED);
        assertThat(b.append(id, Chunk.at(2), new ByteArrayInputStream("cd".getBytes())).offset()).isEqualTo(4);
        assertThat(Files.readString(a.data(id))).isEqualTo("abcd");
    }

    @Test
    void aHolderThatDoesNotHearIsWaitedForUpToTheBoundThenTheUploadIsLocked() throws Exception {
        FileUploadStore a = node(UploadLocks.RELEASE_WAIT, false); // not listening: like a holder that cannot be asked
        FileUploadStore b = node(Duration.ofMillis(400), true);
        a.create(id, 10, Map.of(), EXPIRES);
        FileUploadStoreTest.StallingBody body = new FileUploadStoreTest.StallingBody("a", true);
        CompletableFuture<UploadInfo> first = CompletableFuture.supplyAsync(() -> a.append(id, Chunk.at(0), body));
        try {
            assertThat(body.stalled.await(10, TimeUnit.SECONDS)).isTrue();
            UploadStoreException locked = catchThrowableOfType(UploadStoreException.class, () -> b.findWhenIdle(id));
            assertThat(locked.code()).isEqualTo(ErrorCode.UPLOAD_LOCKED);
            assertThat(b.locks().tryAcquire(id)).as("node B let its own lock go again").isEmpty();
        } finally {
            body.resume.countDown();
        }
        assertThat(first.get(10, TimeUnit.SECONDS).offset()).isEqualTo(1);
        assertThat(b.append(id, Chunk.at(1), new ByteArrayInputStream("b".getBytes())).offset()).isEqualTo(2);
    }

    @Test
    void theLockOfANodeWhoseConnectionDiesIsFreeForTheOthers() throws Exception {
        FileUploadStore a = node(UploadLocks.RELEASE_WAIT, false);
        FileUploadStore b = node(Duration.ofSeconds(5), false);
        UploadLocks.Held held = a.locks().acquire(id);
        assertThat(b.locks().tryAcquire(id)).isEmpty();

        // What kill -9 of node A does to its session: the connection ends, PostgreSQL ends the session.
        assertThat(terminateHolder(id)).as("one session held the lock").isEqualTo(1);

        try (UploadLocks.Held mine = b.locks().acquire(id)) {
            assertThat(a.locks().tryAcquire(id)).as("node B holds it now").isEmpty();
        }
        held.close(); // node A's unlock on a dead connection is harmless
    }

    @Test
    void theKeyIsStableAndDiffersBetweenUploads() {
        assertThat(PostgresUploadLocks.key(id)).isEqualTo(PostgresUploadLocks.key(new String(id)));
        assertThat(PostgresUploadLocks.key(id)).isNotEqualTo(PostgresUploadLocks.key(id + "x"));
    }

    private static int terminateHolder(String id) throws SQLException {
        long key = PostgresUploadLocks.key(id);
        try (Connection c = database().getConnection();
             PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                     + " AND granted AND classid::text::bigint = ? AND objid::text::bigint = ? AND objsubid = 1")) {
            kill.setLong(1, key >>> 32);
            kill.setLong(2, key & 0xffffffffL);
            int terminated = 0;
            try (ResultSet r = kill.executeQuery()) {
                while (r.next()) {
                    terminated += r.getBoolean(1) ? 1 : 0;
                }
            }
            return terminated;
        }
    }
}
