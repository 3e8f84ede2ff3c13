package com.yourbit.video.domain;

import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.domain.expiry.ExpirySettings;
import com.yourbit.video.domain.expiry.TimerActivity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link OperationsReport}; reads configuration live, like the registry does. */
@Stateless
public class OperationsService {

    private static final String ACTION_MAP = "video.action-map.";

    @Inject
    ProviderRegistry registry;

    @Inject
    VideoRepository videos;

    @Inject
    Config config;

    @Inject
    TimerActivity timerActivity;

    @Inject
    RejectedWebhooks rejectedWebhooks;

    /** Webhook receipts are for recent troubleshooting; older ones are dropped. */
    public int pruneReceipts(java.time.Instant before) {
        return videos.deleteReceiptsBefore(before);
    }

    public OperationsReport report() {
        Map<String, OperationsReport.ProviderReport> providers = new TreeMap<>();
        for (var name : registry.known()) {
            VideoProvider provider = registry.byName(name.value()).orElseThrow();
            Map<String, String> actionMap = new TreeMap<>();
            String prefix = ACTION_MAP + name.value() + ".";
            for (String key : config.getPropertyNames()) {
                if (key.startsWith(prefix)) {
                    config.getOptionalValue(key, String.class).ifPresent(v -> actionMap.put(key.substring(prefix.length()), v));
                }
            }
            Map<String, Boolean> secrets = new TreeMap<>();
            for (String secret : provider.secretNames()) {
                secrets.put(secret, config.getOptionalValue(secret, String.class).filter(v -> !v.isBlank()).isPresent());
            }
            providers.put(name.value(), new OperationsReport.ProviderReport(provider.isConfigured(), actionMap, secrets));
        }
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object[] row : videos.countByProviderAndStatus()) {
            counts.computeIfAbsent((String) row[0], k -> new TreeMap<>())
                    .put(((VideoStatus) row[1]).name().toLowerCase(Locale.ROOT), (Long) row[2]);
        }
        var receipts = videos.latestReceipts(50).stream()
                .map(r -> new OperationsReport.Receipt(r.getProvider(), r.getReceivedAt(), r.getOutcome(), r.getReason(), r.getEventKey()))
                .toList();
        TimerActivity.Snapshot timer = timerActivity.snapshot();
        var timerReport = new OperationsReport.StaleUploadTimerReport(ExpirySettings.from(config).enabled(),
                timer.lastTickAt(), timer.lastSweepAt(), timer.lastSweep());
        return new OperationsReport(registry.configuredDefault(), providers, counts, receipts,
                rejectedWebhooks.snapshot(), timerReport);
    }
}
