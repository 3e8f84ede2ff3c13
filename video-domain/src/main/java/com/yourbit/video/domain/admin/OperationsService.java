package com.yourbit.video.domain.admin;

import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.WebhookReceipt;
import com.yourbit.video.domain.WebhookReceiptRepository;
import com.yourbit.video.domain.expiry.ExpirySettings;
import com.yourbit.video.domain.expiry.StaleUploadTimerLastRun;
import com.yourbit.video.domain.videos.RejectedWebhooks;
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
    WebhookReceiptRepository receipts;

    @Inject
    Config config;

    @Inject
    StaleUploadTimerLastRun timerLastRun;

    @Inject
    RejectedWebhooks rejectedWebhooks;

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
        var latestWebhooks = receipts.latest(50).stream()
                .map(r -> new WebhookReceipt.Summary(r.getProvider(), r.getReceivedAt(), r.getOutcome(), r.getReason(), r.getEventKey()))
                .toList();
        StaleUploadTimerLastRun.Snapshot timer = timerLastRun.snapshot();
        var timerReport = new OperationsReport.StaleUploadTimerReport(ExpirySettings.from(config).enabled(),
                timer.lastTickAt(), timer.lastSweepAt(), timer.lastSweep());
        return new OperationsReport(registry.configuredDefault(), providers, counts, latestWebhooks,
                rejectedWebhooks.snapshot(), timerReport);
    }
}
