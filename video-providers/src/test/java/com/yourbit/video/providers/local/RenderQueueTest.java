package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.MediaBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderQueueTest {

    /** As the server's video-thumbnails executor: 2 threads, 3 queued, refusing beyond. */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(3), new ThreadPoolExecutor.AbortPolicy());
    private final RenderQueue<String, String> queue = new RenderQueue<>(executor, Duration.ofSeconds(5));
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger renders = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    private String blockedRender(String key) throws InterruptedException {
        renders.incrementAndGet();
        release.await();
        return "image of " + key;
    }

    @Test
    void beyondThreadsAndQueueTheAnswerIsBusyAtOnceWithARetryHint() throws Exception {
        List<CompletableFuture<String>> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = "k" + i;
            accepted.add(queue.submit(key, () -> blockedRender(key)));
        }
        // Neither running nor queued: refused on the caller's thread, already complete.
        CompletableFuture<String> refused = queue.submit("k5", () -> blockedRender("k5"));
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(MediaBusyException.class,
                        busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(accepted).noneMatch(CompletableFuture::isDone);

        release.countDown();
        for (int i = 0; i < 5; i++) {
            assertThat(accepted.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("image of k" + i);
        }
        assertThat(renders).hasValue(5);
        assertThat(queue.inProgress()).isZero();
        // Room again once the work is done.
        assertThat(queue.submit("k5", () -> "image of k5").get(10, TimeUnit.SECONDS)).isEqualTo("image of k5");
    }

    @Test
    void identicalConcurrentRequestsRenderOnce() throws Exception {
        CompletableFuture<String> first = queue.submit("same", () -> blockedRender("same"));
        CompletableFuture<String> second = queue.submit("same", () -> blockedRender("same"));
        assertThat(second).isSameAs(first);
        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("image of same");
        assertThat(renders).hasValue(1);
    }

    @Test
    void aFailedRenderIsReportedAndCanBeTriedAgain() throws Exception {
        CompletableFuture<String> failed = queue.submit("bad", () -> {
            throw new java.io.IOException("no frame");
        });
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).cause().hasMessage("no frame");
        assertThat(queue.submit("bad", () -> "now it works").get(10, TimeUnit.SECONDS)).isEqualTo("now it works");
    }
}
