package com.yourbit.video.domain.expiry;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timer;
import com.yourbit.video.domain.OperationsService;
import com.yourbit.video.domain.metrics.VideoMetrics;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires the stale-upload sweep. A persistent timer: with the ejb3 timer service's database
 * data store on the shared datasource, WildFly runs each expiration on one node of a
 * cluster. The schedule ticks every minute; {@code video.expiry.every} (whole minutes,
 * default PT1M) thins it, {@code video.expiry.enabled=false} turns it off.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StaleUploadTimer {

    private static final Logger LOG = Logger.getLogger(StaleUploadTimer.class.getName());

    private final AtomicBoolean running = new AtomicBoolean();

    @Inject
    StaleUploadSweeper sweeper;

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    OperationsService operations;

    @Inject
    TimerActivity activity;

    @Schedule(minute = "*", hour = "*", persistent = true, info = "yourbit-stale-upload-sweep")
    void tick(Timer timer) {
        Instant now = clock.instant();
        activity.ticked(now);
        ExpirySettings settings = ExpirySettings.from(config);
        long everyMinutes = Math.max(1, config.getOptionalValue("video.expiry.every", String.class)
                .map(Duration::parse).orElse(Duration.ofMinutes(1)).toMinutes());
        long minute = now.getEpochSecond() / 60;
        if (!settings.enabled() || minute % everyMinutes != 0 || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            activity.swept(now, sweeper.sweep(now, VideoMetrics.SweepTrigger.TIMER));
            Duration keep = config.getOptionalValue("video.webhook-receipts.keep", String.class)
                    .map(Duration::parse).orElse(Duration.ofDays(7));
            operations.pruneReceipts(now.minus(keep));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stale-upload sweep failed; the next tick tries again", e);
        } finally {
            running.set(false);
        }
    }
}
