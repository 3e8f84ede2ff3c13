package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.MediaBusyException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs media work on a bounded executor (fixed threads, bounded queue, refusing when full)
 * and never on the caller's thread. Work for a key already being done is not started again:
 * identical concurrent requests share one result. When the executor refuses, the answer is a
 * {@link MediaBusyException} at once, so no request thread waits for a slot.
 */
final class RenderQueue<K, V> {

    private final Executor executor;
    private final Duration retryAfter;
    private final ConcurrentMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    RenderQueue(Executor executor, Duration retryAfter) {
        this.executor = executor;
        this.retryAfter = retryAfter;
    }

    CompletableFuture<V> submit(K key, Callable<V> work) {
        CompletableFuture<V> result = new CompletableFuture<>();
        CompletableFuture<V> already = running.putIfAbsent(key, result);
        if (already != null) {
            return already;
        }
        try {
            executor.execute(() -> {
                try {
                    V value = work.call();
                    running.remove(key, result);
                    result.complete(value);
                } catch (Throwable failure) {
                    running.remove(key, result);
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException full) {
            running.remove(key, result);
            result.completeExceptionally(new MediaBusyException("media rendering is busy; try again shortly", retryAfter));
        }
        return result;
    }

    /** How many keys are being worked on or waiting (for tests and metrics). */
    int inProgress() {
        return running.size();
    }
}
