package com.yourbit.video.domain.videos;

import com.yourbit.video.domain.WebhookReceiptRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.Instant;

/**
 * Webhook receipts are for recent troubleshooting: those older than
 * {@code video.webhook-receipts.keep} (default P7D) are dropped. Run after each timer sweep
 * (expiry.StaleUploadTimer), so on one node of a cluster at a time.
 */
@Stateless
public class WebhookReceiptPruner {

    @Inject
    WebhookReceiptRepository receipts;

    @Inject
    Config config;

    /** Drops the receipts older than the kept time before {@code now}; answers how many. */
    public int prune(Instant now) {
        Duration keep = config.getOptionalValue("video.webhook-receipts.keep", String.class)
                .map(Duration::parse).orElse(Duration.ofDays(7));
        return receipts.deleteBefore(now.minus(keep));
    }
}
