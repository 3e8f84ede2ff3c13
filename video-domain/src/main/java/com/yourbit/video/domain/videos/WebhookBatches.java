package com.yourbit.video.domain.videos;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Webhook deliveries that arrive together are applied together: one transaction and one
 * commit for all that wait (group commit), where each alone would take a commit of its own
 * (on H2 a chunk written and synced per commit, {@code WRITE_DELAY=0}). Each delivery is still
 * answered only once its change is committed: a {@code 2xx} still means applied.
 *
 * <p>The first delivery to find no batch running leads: it applies what waits, up to
 * {@link #MAX_BATCH}, wakes those it applied, and wakes the next in line, which leads the next
 * batch. The others sleep meanwhile; their request threads would otherwise wait on the
 * database's commit lock. A batch that fails as a whole (a concurrent change to one of its
 * videos, one of its events recorded by another node meanwhile, a failing database) is rolled
 * back, and each of its deliveries is then applied alone, on its own thread, as before.
 */
@ApplicationScoped
public class WebhookBatches {

    private static final Logger LOG = Logger.getLogger(WebhookBatches.class.getName());

    /** Enough to take every request thread's delivery at once; bounds one transaction's size. */
    static final int MAX_BATCH = 32;

    @Inject
    VideoStatusService statusService;

    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leading = new AtomicBoolean();

    /** The report applied in a batch with what waited beside it, or empty: apply it alone. */
    public Optional<VideoStatusService.Applied> apply(VideoStatusService.Report report) {
        Waiting mine = new Waiting(report, Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (leading.compareAndSet(false, true)) {
                try {
                    if (!mine.done) {
                        lead();
                    }
                } finally {
                    leading.set(false);
                    // Whoever waits first leads next; one that came after this read leads itself.
                    Waiting next = queue.peek();
                    if (next != null) {
                        LockSupport.unpark(next.owner);
                    }
                }
            } else {
                LockSupport.park(this);
                // Its delivery is in the queue and will be applied: wait for that, then pass the interrupt on.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(mine.applied);
    }

    /** Deliveries waiting for a batch (for tests). */
    int waiting() {
        return queue.size();
    }

    private void lead() {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        try {
            List<VideoStatusService.Applied> applied = statusService.applyAllOrRoute(
                    batch.stream().map(w -> w.report).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).applied = applied.get(i);
            }
        } catch (RuntimeException failed) {
            LOG.fine(() -> "a batch of " + batch.size() + " webhook deliveries failed, each is applied alone: " + failed);
        } finally {
            for (Waiting waiting : batch) {
                waiting.done = true;
                LockSupport.unpark(waiting.owner);
            }
        }
    }

    private static final class Waiting {

        final VideoStatusService.Report report;
        final Thread owner;
        /** Written before {@link #done}; null when it is to be applied alone. */
        volatile VideoStatusService.Applied applied;
        volatile boolean done;

        Waiting(VideoStatusService.Report report, Thread owner) {
            this.report = report;
            this.owner = owner;
        }
    }
}
