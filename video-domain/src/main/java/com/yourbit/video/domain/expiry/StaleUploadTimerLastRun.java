package com.yourbit.video.domain.expiry;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this node's {@link StaleUploadTimer} last did, for the admin report: when it last
 * ticked (enabled or not) and when it last swept, with what result. In a cluster each node
 * answers for its own timer expirations.
 */
@ApplicationScoped
public class StaleUploadTimerLastRun {

    /** @param lastTickAt when the timer last fired; {@code null} before its first tick on this node */
    public record Snapshot(Instant lastTickAt, Instant lastSweepAt, SweepResult lastSweep) {
    }

    private final AtomicReference<Snapshot> latest = new AtomicReference<>(new Snapshot(null, null, null));

    void ticked(Instant at) {
        latest.updateAndGet(s -> new Snapshot(at, s.lastSweepAt(), s.lastSweep()));
    }

    void swept(Instant at, SweepResult result) {
        latest.updateAndGet(s -> new Snapshot(s.lastTickAt(), at, result));
    }

    public Snapshot snapshot() {
        return latest.get();
    }
}
