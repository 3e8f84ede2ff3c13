package com.yourbit.video.domain.moves;

import com.yourbit.video.domain.NodeName;
import com.yourbit.video.domain.RepeatedWarning;
import com.yourbit.video.domain.VideoMove;
import com.yourbit.video.domain.videos.MoveLedger;
import com.yourbit.video.domain.videos.MoveService;
import com.yourbit.video.domain.videos.MoveSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries moves forward on every node: a round fails the overdue ones, takes due moves by
 * lease (one conditional update each, so two nodes never work one move) up to
 * {@code video.move.concurrency} being worked at once in the cluster, advances each, and deletes
 * what finished moves left. One round at a time per node; rounds every
 * {@code video.move.poll-interval}, which also paces a move waiting for its source.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MoveWorker {

    private static final Logger LOG = Logger.getLogger(MoveWorker.class.getName());

    @Inject
    MoveService moves;

    @Inject
    MoveLedger ledger;

    @Inject
    Config config;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final String node = NodeName.fresh("");
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ScheduledFuture<?> poll;
    private volatile boolean stopped;
    private final RepeatedWarning problems = new RepeatedWarning(LOG);

    @PostConstruct
    void start() {
        Duration every;
        try {
            every = MoveSettings.from(config).pollInterval();
        } catch (IllegalArgumentException e) {
            every = Duration.ofSeconds(5);
        }
        poll = scheduler.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's scheduler outlives this application. */
    @PreDestroy
    void stop() {
        stopped = true;
        if (poll != null) {
            poll.cancel(false);
        }
    }

    void round() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            MoveSettings settings;
            try {
                settings = MoveSettings.from(config);
                problems.clear();
            } catch (IllegalArgumentException e) {
                problems.warn("moves are not worked: " + e.getMessage());
                return;
            }
            moves.failOverdue(settings);
            for (VideoMove due : ledger.due(settings.concurrency())) {
                if (stopped) {
                    return;
                }
                if (ledger.claim(due.getId(), node, settings.lease())) {
                    advance(due, settings);
                }
            }
            moves.disposeDue(node, settings);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the schedule.
            if (!stopped) {
                LOG.log(Level.WARNING, "working moves failed this round; the next round tries again", e);
            }
        } finally {
            running.set(false);
        }
    }

    private void advance(VideoMove move, MoveSettings settings) {
        try {
            moves.advance(move.getId(), settings);
        } catch (RuntimeException e) {
            // Its lease runs out and a later round takes it up again.
            LOG.log(Level.WARNING, "advancing " + move + " failed; it is tried again after its lease", e);
        }
    }
}
