package com.yourbit.video.domain.videos;

import com.yourbit.video.domain.WebhookReceipt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Deliveries refused for their signature, kept in memory on this node only: anyone can send
 * them, so they must cost no database write. The admin report shows the count and the latest
 * few; the log gets one line per provider and minute with how many were refused since.
 */
@ApplicationScoped
public class RejectedWebhooks {

    private static final Logger LOG = Logger.getLogger(RejectedWebhooks.class.getName());
    static final int KEPT = 50;
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    public record Snapshot(long total, List<WebhookReceipt.Summary> latest) {
    }

    private long total;
    private final Deque<WebhookReceipt.Summary> latest = new ArrayDeque<>();
    private final Map<String, Instant> lastLogged = new HashMap<>();
    private final Map<String, Long> unlogged = new HashMap<>();

    public void record(String provider, Instant at, String reason) {
        String line = null;
        synchronized (this) {
            total++;
            latest.addFirst(new WebhookReceipt.Summary(provider, at, "rejected", reason, null));
            if (latest.size() > KEPT) {
                latest.removeLast();
            }
            long count = unlogged.merge(provider, 1L, Long::sum);
            Instant last = lastLogged.get(provider);
            if (last == null || !at.isBefore(last.plus(LOG_EVERY))) {
                lastLogged.put(provider, at);
                unlogged.remove(provider);
                line = count + " webhook deliveries from " + provider + " refused since the last report; the latest: " + reason;
            }
        }
        if (line != null) {
            LOG.info(line);
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(total, new ArrayList<>(latest));
    }
}
