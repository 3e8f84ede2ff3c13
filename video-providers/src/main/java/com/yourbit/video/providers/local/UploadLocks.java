package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.UploadStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request per upload at a time, as tusd's memorylocker: the lock table of this JVM, and
 * the bodies the holders are reading; with nodes sharing the upload storage, the cluster's lock
 * too ({@link ClusterUploadLocks}), taken after this JVM's. A request that finds the upload taken
 * asks a holder still reading its body to stop (it keeps what it received, see
 * {@link ReleasableBody}), on this node directly, on another through the cluster's lock, and
 * waits for the upload up to a bound; then it is refused.
 */
final class UploadLocks {

    /** Long enough for a stopped request to store the bytes it holds (a few MiB and an fdatasync). */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(10);
    /** How often a waiting request looks again, and a node looks for requests of other nodes to stop. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final long POLL_NANOS = POLL.toNanos();
    /**
     * A request to stop from another node may arrive a look late; a body younger than this
     * belongs to a request that took the upload since, perhaps the asker itself, and is spared
     * (a real request to stop is repeated until it is heard).
     */
    private static final long YOUNG_NANOS = 3 * POLL_NANOS;

    private final Duration releaseWait;
    private final ClusterUploadLocks cluster;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The body each upload's current holder is reading, if it is reading one. */
    private final Map<String, ReleasableBody> writers = new ConcurrentHashMap<>();

    UploadLocks(Duration releaseWait) {
        this(releaseWait, ClusterUploadLocks.NONE);
    }

    UploadLocks(Duration releaseWait, ClusterUploadLocks cluster) {
        this.releaseWait = releaseWait;
        this.cluster = cluster;
    }

    /** An upload held by the current thread until {@link #close()}. */
    final class Held implements AutoCloseable {
        private final String id;
        private final ReentrantLock lock;
        private final ClusterUploadLocks.Lease lease;

        private Held(String id, ReentrantLock lock, ClusterUploadLocks.Lease lease) {
            this.id = id;
            this.lock = lock;
            this.lease = lease;
        }

        /** Lets the cluster's lock go, then this JVM's. */
        @Override
        public void close() {
            try {
                lease.close();
            } finally {
                unlock(id, lock);
            }
        }
    }

    /**
     * Unlocks; an uncontended lock leaves the table, which would otherwise keep one per
     * upload ever seen.
     */
    private void unlock(String id, ReentrantLock lock) {
        lock.unlock();
        if (!lock.hasQueuedThreads()) {
            locks.remove(id, lock);
        }
    }

    /**
     * The upload's lock. When another request holds it, a body that request is still reading
     * is asked to stop, and the lock is awaited up to the release wait;
     * {@link ErrorCode#UPLOAD_LOCKED} after that.
     */
    Held acquire(String id) {
        long deadline = System.nanoTime() + releaseWait.toNanos();
        ReentrantLock lock = acquireHere(id, deadline);
        try {
            return new Held(id, lock, acquireInCluster(id, deadline));
        } catch (RuntimeException e) {
            unlock(id, lock);
            throw e;
        }
    }

    /** The cluster's lock, taken by a request holding this JVM's: another node's holder is asked to stop. */
    private ClusterUploadLocks.Lease acquireInCluster(String id, long deadline) {
        Optional<ClusterUploadLocks.Lease> lease = cluster.tryLock(id);
        while (lease.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw locked();
            }
            cluster.askToStop(id);
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(POLL_NANOS, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw locked();
            }
            lease = cluster.tryLock(id);
        }
        return lease.get();
    }

    private ReentrantLock acquireHere(String id, long deadline) {
        while (true) {
            ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
            boolean locked = lock.tryLock();
            // The holder may only start reading its body after we looked: ask again while waiting.
            while (!locked && System.nanoTime() < deadline) {
                ReleasableBody writer = writers.get(id);
                if (writer != null) {
                    writer.release();
                }
                try {
                    locked = lock.tryLock(Math.min(POLL_NANOS, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!locked) {
                throw locked();
            }
            if (locks.get(id) == lock) {
                return lock;
            }
            lock.unlock(); // released and dropped from the table meanwhile: take the current one
        }
    }

    private static UploadStoreException locked() {
        return new UploadStoreException(ErrorCode.UPLOAD_LOCKED, "another request is using this upload");
    }

    /** The upload's lock if it is free now, here and in the cluster; never asks anyone to stop. */
    Optional<Held> tryAcquire(String id) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        if (locks.get(id) != lock) {
            lock.unlock();
            return Optional.empty();
        }
        try {
            Optional<ClusterUploadLocks.Lease> lease = cluster.tryLock(id);
            if (lease.isEmpty()) {
                unlock(id, lock);
                return Optional.empty();
            }
            return Optional.of(new Held(id, lock, lease.get()));
        } catch (RuntimeException e) {
            unlock(id, lock);
            throw e;
        }
    }

    /** What the expiry sweep does with one upload while holding its lock. */
    @FunctionalInterface
    interface ExpiredRemoval {
        /** Deletes the upload if it is expired; true if it did. */
        boolean removeIfExpired(String id) throws IOException;
    }

    /**
     * The expiry sweep of both stores: each upload of {@code ids} that no request holds, here
     * or in the cluster, is handed to {@code removal} under its lock; returns the ids removed.
     */
    List<String> removeExpired(List<String> ids, ExpiredRemoval removal) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String id : ids) {
            Optional<Held> free = tryAcquire(id);
            if (free.isEmpty()) {
                continue;
            }
            try (Held held = free.get()) {
                if (removal.removeIfExpired(id)) {
                    removed.add(id);
                }
            }
        }
        return removed;
    }

    /** Whether other nodes share the uploads: then {@link #stopWhereAsked} is to be called every {@link #POLL}. */
    boolean isShared() {
        return cluster.isShared();
    }

    /**
     * Asks the bodies that requests on other nodes want stopped to stop. Returns how many
     * were asked.
     */
    int stopWhereAsked() {
        List<String> asked = cluster.stopRequests();
        long now = System.nanoTime();
        int released = 0;
        for (String id : asked) {
            ReleasableBody writer = writers.get(id);
            if (writer != null && writer.olderThan(YOUNG_NANOS, now)) {
                writer.release();
                released++;
            }
        }
        return released;
    }

    /**
     * The body the holder of the upload reads from now on, which other requests for the upload
     * may ask to stop; called on the reading thread, until {@link #stopReading}.
     */
    ReleasableBody startReading(String id, InputStream body) {
        ReleasableBody releasable = new ReleasableBody(body);
        writers.put(id, releasable);
        return releasable;
    }

    void stopReading(String id, ReleasableBody body) {
        writers.remove(id, body);
    }

    /**
     * Asks every request whose body brought fewer than {@code minBytes} in the last
     * {@code window} to stop (it keeps what arrived; the client resumes). A client that trickles
     * a byte now and then never meets the read timeout, and would hold a worker thread and one of
     * the upload slots for as long as it likes. Returns how many were asked.
     */
    int releaseSlowWriters(long minBytes, Duration window) {
        long now = System.nanoTime();
        int released = 0;
        for (ReleasableBody writer : writers.values()) {
            if (writer.slowerThan(minBytes, window.toNanos(), now)) {
                writer.release();
                released++;
            }
        }
        return released;
    }
}
