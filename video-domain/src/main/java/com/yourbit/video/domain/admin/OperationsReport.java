package com.yourbit.video.domain.admin;

import com.yourbit.video.domain.WebhookReceipt;
import com.yourbit.video.domain.expiry.SweepResult;
import com.yourbit.video.domain.videos.RejectedWebhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What administrators see of the running service: the effective action map per provider,
 * which provider takes new uploads, each secret only as set or missing, video counts, the
 * latest webhook receipts (from the database: signed deliveries), the deliveries this node
 * refused for their signature (in memory), and what this node's stale-upload timer last did.
 */
public record OperationsReport(String providerForNewUploads, Map<String, ProviderReport> providers,
                               Map<String, Map<String, Long>> videoCounts, List<WebhookReceipt.Summary> latestWebhooks,
                               RejectedWebhooks.Snapshot rejectedWebhooks, StaleUploadTimerReport staleUploadTimer) {

    /** {@code video.expiry.enabled} now, and this node's last timer tick and sweep (null before the first). */
    public record StaleUploadTimerReport(boolean enabled, Instant lastTickAt, Instant lastSweepAt, SweepResult lastSweep) {
    }

    public record ProviderReport(boolean configured, Map<String, String> actionMap, Map<String, Boolean> secretsSet) {
    }
}
