package com.yourbit.video.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What administrators see of the running service: the effective action map per provider,
 * which provider takes new uploads, each secret only as set or missing, video counts, and
 * the latest webhook receipts.
 */
public record OperationsReport(String providerForNewUploads, Map<String, ProviderReport> providers,
                               Map<String, Map<String, Long>> videoCounts, List<Receipt> latestWebhooks) {

    public record ProviderReport(boolean configured, Map<String, String> actionMap, Map<String, Boolean> secretsSet) {
    }

    public record Receipt(String provider, Instant receivedAt, String outcome, String reason, String eventKey) {
    }
}
