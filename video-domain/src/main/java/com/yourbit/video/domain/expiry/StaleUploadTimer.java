package com.yourbit.video.domain.expiry;

import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.videos.WebhookReceiptPruner;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires the stale-upload sweep, and after it the pruning of old webhook receipts
 * ({@link WebhookReceiptPruner}). A persistent timer: with the ejb3 timer service's database
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
    WebhookReceiptPruner receiptPruner;

    @Inject
    StaleUploadTimerLastRun lastRun;

    @Schedule(minute = "*", hour = "*", persistent = true, info = "yourbit-stale-upload-sweep")
    void tick(Timer timer) {
        Instant now = clock.instant();
        lastRun.ticked(now);
        ExpirySettings settings = ExpirySettings.from(config);
        long everyMinutes = Math.max(1, settings.every().toMinutes());
        long minute = now.getEpochSecond() / 60;
        if (!settings.enabled() || minute % everyMinutes != 0 || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            lastRun.swept(now, sweeper.sweep(now, VideoMetrics.SweepTrigger.TIMER));
            receiptPruner.prune(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stale-upload sweep failed; the next tick tries again", e);
        } finally {
            running.set(false);
        }
    }
}
