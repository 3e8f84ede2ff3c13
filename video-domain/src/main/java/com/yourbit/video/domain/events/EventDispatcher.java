package com.yourbit.video.domain.events;

import com.yourbit.video.domain.NodeName;
import com.yourbit.video.domain.RepeatedWarning;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's events on every node: a round claims due deliveries (DeliveryLedger), sends
 * them at once, a few endpoints and videos in parallel, and records each answer; rounds run at
 * the poll interval and right after a commit on this node wrote events. One round at a time per
 * node; the nodes share the work through the ledger's leases.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());
    private static final int BATCH = 32;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    @Inject
    DeliveryLedger ledger;

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    EventSignals signals;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService executor;

    private final String node = NodeName.fresh("");
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Runnable wake = this::wake;
    private volatile ScheduledFuture<?> poll;
    private volatile EventSender sender;
    private volatile Instant nextPrune = Instant.EPOCH;
    private final RepeatedWarning problems = new RepeatedWarning(LOG);
    /** Set on undeploy: a round in progress stops after its batch (what it sent is sent again after the lease). */
    private volatile boolean stopped;

    @PostConstruct
    void start() {
        Duration every;
        try {
            every = NotifySettings.from(config).pollInterval();
        } catch (IllegalArgumentException e) {
            every = Duration.ofSeconds(1);
        }
        sender = new EventSender(Duration.ofSeconds(5), clock);
        signals.listen(wake);
        poll = scheduler.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's scheduler outlives this application. */
    @PreDestroy
    void stop() {
        stopped = true;
        signals.forget(wake);
        if (poll != null) {
            poll.cancel(false);
        }
    }

    /** A round as soon as possible; one that is running now runs once more when it ends. */
    void wake() {
        again.set(true);
        if (!running.get() && !stopped) {
            try {
                executor.execute(this::round);
            } catch (RuntimeException e) {
                // Shutting down, or the executor is full: the poll comes anyway.
            }
        }
    }

    void round() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
            } while (!stopped && sendDue() && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the schedule.
            if (!stopped) {
                LOG.log(Level.WARNING, "sending events failed this round; the next round tries again", e);
            }
        } finally {
            running.set(false);
        }
        if (again.get() && !stopped) {
            wake();
        }
    }

    /** One batch; true when there may be more to send right away. */
    private boolean sendDue() {
        NotifySettings settings;
        try {
            settings = NotifySettings.from(config);
        } catch (IllegalArgumentException e) {
            problems.warn("events are not sent: " + e.getMessage());
            return false;
        }
        prune(settings);
        if (settings.endpoints().isEmpty()) {
            return false;
        }
        if (settings.secret().isEmpty()) {
            problems.warn("events are not sent: " + NotifySettings.PREFIX + "url is set but " + NotifySettings.SECRET + " is not");
            return false;
        }
        problems.clear();
        List<DeliveryLedger.Claimed> claimed = ledger.claim(node, settings, BATCH);
        if (claimed.isEmpty()) {
            return false;
        }
        byte[] key = settings.secret().get();
        // Sent together, answers recorded here, on this managed thread, once all are in.
        List<CompletableFuture<DeliveryLedger.Attempt>> sends = claimed.stream()
                .map(d -> sender.send(d, key, settings.timeout())).toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < claimed.size(); i++) {
            record(claimed.get(i), sends.get(i).join(), settings);
        }
        // A delivered one may have freed the next event of its video.
        return true;
    }

    private void record(DeliveryLedger.Claimed delivery, DeliveryLedger.Attempt attempt, NotifySettings settings) {
        try {
            ledger.record(delivery.deliveryId(), attempt, settings);
        } catch (RuntimeException e) {
            // The lease runs out and the delivery is sent again: at least once.
            LOG.log(stopped ? Level.FINE : Level.WARNING, "the answer to event " + delivery.eventId() + " could not be recorded", e);
        }
        try {
            ledger.noteEndpoint(delivery.endpoint(), attempt.succeeded(), settings);
        } catch (RuntimeException e) {
            // Two nodes noting the same new endpoint at once: one of them is enough.
            LOG.fine(() -> "the health of an endpoint was not noted: " + e);
        }
    }

    private void prune(NotifySettings settings) {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        int removed = ledger.prune(settings.retention());
        if (removed > 0) {
            LOG.fine(() -> removed + " finished events and deliveries older than " + settings.retention() + " removed");
        }
    }
}
