package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.UploadStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UploadLocksTest {

    private static final String ID = "upload-0123456789abcdef";

    private final UploadLocks locks = new UploadLocks(Duration.ofMillis(200));
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Holds the upload on another thread until {@code done} counts down. */
    private CompletableFuture<Void> holdElsewhere(CountDownLatch held, CountDownLatch done) {
        return CompletableFuture.runAsync(() -> {
            try (UploadLocks.Held lock = locks.acquire(ID)) {
                held.countDown();
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threads);
    }

    @Test
    void anUploadHeldElsewhereIsNotFreeAndIsLockedAfterTheWait() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdElsewhere(held, done);
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        try {
            assertThat(locks.tryAcquire(ID)).isEmpty();
            UploadStoreException refused = catchThrowableOfType(UploadStoreException.class, () -> locks.acquire(ID));
            assertThat(refused.code()).isEqualTo(ErrorCode.UPLOAD_LOCKED);
        } finally {
            done.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);

        try (UploadLocks.Held lock = locks.tryAcquire(ID).orElseThrow()) {
            assertThat(lock).as("free once released").isNotNull();
        }
    }

    @Test
    void aWaitingRequestGetsTheUploadOnceItsHolderLetsGo() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdElsewhere(held, done);
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS, threads).execute(done::countDown);
        try (UploadLocks.Held lock = locks.acquire(ID)) {
            assertThat(done.getCount()).as("taken only after the holder let go").isZero();
        }
    }

    @Test
    void withNoBodyBeingReadNoWriterIsReleased() {
        assertThat(locks.releaseSlowWriters(1024, Duration.ZERO)).isZero();
    }
}
