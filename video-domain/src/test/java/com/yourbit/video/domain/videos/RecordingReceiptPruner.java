package com.yourbit.video.domain.videos;

import com.yourbit.video.domain.WebhookReceiptRepository;
import org.eclipse.microprofile.config.Config;

import java.time.Instant;
import java.util.List;

/** A real {@link WebhookReceiptPruner} whose deletions are only recorded: the time each deleted before. */
public final class RecordingReceiptPruner {

    private RecordingReceiptPruner() {
    }

    public static WebhookReceiptPruner on(Config config, List<Instant> deletedBefore) {
        WebhookReceiptPruner pruner = new WebhookReceiptPruner();
        pruner.config = config;
        pruner.receipts = new WebhookReceiptRepository() {
            @Override
            public int deleteBefore(Instant before) {
                deletedBefore.add(before);
                return 0;
            }
        };
        return pruner;
    }
}
