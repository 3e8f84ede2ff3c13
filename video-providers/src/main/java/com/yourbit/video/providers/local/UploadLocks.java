package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.UploadStoreException;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request per upload at a time (in this JVM), as tusd's memorylocker: the lock table, and
 * the bodies the holders are reading. A request that finds the upload taken asks a holder
 * still reading its body to stop (it keeps what it received, see {@link ReleasableBody}) and
 * waits for the upload up to a bound; then it is refused.
 */
final class UploadLocks {

    /** Long enough for a stopped request to store the bytes it holds (a few MiB and an fdatasync). */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Duration releaseWait;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The body each upload's current holder is reading, if it is reading one. */
    private final Map<String, ReleasableBody> writers = new ConcurrentHashMap<>();

    UploadLocks(Duration releaseWait) {
        this.releaseWait = releaseWait;
    }

    /** An upload held by the current thread until {@link #close()}. */
    final class Held implements AutoCloseable {
        private final String id;
        private final ReentrantLock lock;

        private Held(String id, ReentrantLock lock) {
            this.id = id;
            this.lock = lock;
        }

        /**
         * Unlocks; an uncontended lock leaves the table, which would otherwise keep one per
         * upload ever seen.
         */
        @Override
        public void close() {
            lock.unlock();
            if (!lock.hasQueuedThreads()) {
                locks.remove(id, lock);
            }
        }
    }

    /**
     * The upload's lock. When another request holds it, a body that request is still reading
     * is asked to stop, and the lock is awaited up to the release wait;
     * {@link ErrorCode#UPLOAD_LOCKED} after that.
     */
    Held acquire(String id) {
        long deadline = System.nanoTime() + releaseWait.toNanos();
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
                throw new UploadStoreException(ErrorCode.UPLOAD_LOCKED, "another request is using this upload");
            }
            if (locks.get(id) == lock) {
                return new Held(id, lock);
            }
            lock.unlock(); // released and dropped from the table meanwhile: take the current one
        }
    }

    /** The upload's lock if it is free now; never asks anyone to stop. */
    Optional<Held> tryAcquire(String id) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        if (locks.get(id) != lock) {
            lock.unlock();
            return Optional.empty();
        }
        return Optional.of(new Held(id, lock));
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
