package com.yourbit.video.providers.local;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The job queue of the tests: each message sent is a first delivery added to a list the test
 * runs in order (the server's queue delivers them to the message-driven bean). A message sent
 * with a delay is kept apart, as the broker would hold it back.
 */
final class TestJobQueue<T> {

    private final AtomicReference<T> target = new AtomicReference<>();
    private final List<Runnable> queue;
    private final List<String> later;
    private final BiConsumer<T, String> deliver;

    TestJobQueue(List<Runnable> queue, List<String> later, BiConsumer<T, String> deliver) {
        this.queue = queue;
        this.later = later;
        this.deliver = deliver;
    }

    static TestJobQueue<MediaPipeline> pipeline(List<Runnable> queue, List<String> later) {
        return new TestJobQueue<>(queue, later, (pipeline, id) -> pipeline.deliver(id, 1));
    }

    static TestJobQueue<MediaExtras> extras(List<Runnable> queue, List<String> later) {
        return new TestJobQueue<>(queue, later, (extras, id) -> extras.deliver(id, 1));
    }

    JobSender sender() {
        return (subject, delay) -> {
            if (delay.isZero()) {
                queue.add(() -> deliver.accept(target.get(), subject));
            } else {
                later.add(subject);
            }
        };
    }

    /** The component the deliveries go to, once built with {@link #sender()}. */
    T deliveringTo(T component) {
        target.set(component);
        return component;
    }
}
