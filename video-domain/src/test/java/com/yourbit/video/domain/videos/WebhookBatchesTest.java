package com.yourbit.video.domain.videos;

import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.domain.UpdateOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries that wait together are applied in one call of the status service, each gets its
 * own result, none is lost or applied twice, and a failed batch sends each back to be applied
 * alone.
 */
class WebhookBatchesTest {

    private static final ProviderName MUX = ProviderName.of("mux");
    private static final Instant NOW = Instant.parse("2026-12-01T04:00:00Z");

    /** Every batch the status service was asked to apply, as the event keys in it. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final WebhookBatches webhookBatches = new WebhookBatches();
    /** Holds the first batch until released, so that others queue up behind it. */
    private final CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
    private volatile boolean holdFirst;
    private volatile boolean fail;

    WebhookBatchesTest() {
        webhookBatches.statusService = new VideoStatusService() {
            @Override
            public List<Applied> applyAllOrRoute(List<Report> reports) {
                batches.add(reports.stream().map(r -> r.update().eventKey().value()).toList());
                if (holdFirst && firstBatchStarted.getCount() > 0) {
                    firstBatchStarted.countDown();
                    await(firstBatchMayEnd);
                }
                if (fail) {
                    throw new ConcurrentChangeException(new RuntimeException("changed meanwhile"));
                }
                // Each result names its own report, so a mix-up shows.
                return reports.stream().map(r -> new Applied(UpdateOutcome.APPLIED, r.update().eventKey().value())).toList();
            }
        };
    }

    @Test
    void deliveriesThatArriveWhileABatchRunsGoTogetherInTheNextAndEachGetsItsOwnResult() throws Exception {
        holdFirst = true;
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            Future<Optional<VideoStatusService.Applied>> first = threads.submit(() -> webhookBatches.apply(report("first")));
            assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Optional<VideoStatusService.Applied>>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String key = "next-" + i;
                others.add(threads.submit(() -> webhookBatches.apply(report(key))));
            }
            while (webhookBatches.waiting() < 5) {
                Thread.onSpinWait();
            }
            firstBatchMayEnd.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).hasValueSatisfying(a -> assertThat(a.moveId()).isEqualTo("first"));
            for (int i = 0; i < 5; i++) {
                String key = "next-" + i;
                assertThat(others.get(i).get(10, TimeUnit.SECONDS))
                        .hasValueSatisfying(a -> assertThat(a.moveId()).isEqualTo(key));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly("first");
        assertThat(batches.get(1)).containsExactlyInAnyOrder("next-0", "next-1", "next-2", "next-3", "next-4");
    }

    @Test
    void aBatchThatFailsSendsEachOfItsDeliveriesBackToBeAppliedAlone() {
        fail = true;
        assertThat(webhookBatches.apply(report("alone"))).isEmpty();
        assertThat(batches).containsExactly(List.of("alone"));
    }

    @Test
    void underContentionEveryDeliveryIsAppliedExactlyOnceAndNoneWaitsForever() throws Exception {
        int threadCount = 12;
        int perThread = 2_000;
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = thread + ":" + i;
                        Optional<VideoStatusService.Applied> applied = webhookBatches.apply(report(key));
                        if (applied.isEmpty() || !key.equals(applied.get().moveId())) {
                            wrong.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(wrong).hasValue(0);
        List<String> applied = batches.stream().flatMap(List::stream).toList();
        assertThat(applied).hasSize(threadCount * perThread).doesNotHaveDuplicates();
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, WebhookBatches.MAX_BATCH));
        assertThat(webhookBatches.waiting()).isZero();
    }

    private static VideoStatusService.Report report(String key) {
        ProviderUpdate update = ProviderUpdate.from(MUX).event(EventKey.of(key)).upload(UploadId.of("up-" + key))
                .errored("bad input", NOW);
        return new VideoStatusService.Report(update, outcome -> null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
