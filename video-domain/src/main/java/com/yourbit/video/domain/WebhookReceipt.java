package com.yourbit.video.domain;

import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.VideoId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What became of one webhook delivery (or one event in it). No body, no headers. */
@Entity
@Table(name = "webhook_receipt")
public class WebhookReceipt {

    @Id
    @Column(length = 36)
    private String id;

    private String provider;

    @Column(name = "received_at")
    private Instant receivedAt;

    /** accepted, unchanged, duplicate, stale, unmatched or rejected. */
    private String outcome;

    private String reason;

    @Column(name = "event_key")
    private String eventKey;

    @Column(name = "video_id")
    private String videoId;

    /** A receipt as the admin report shows it; also the form of deliveries refused unstored (RejectedWebhooks). */
    public record Summary(String provider, Instant receivedAt, String outcome, String reason, String eventKey) {
    }

    protected WebhookReceipt() {
    }

    public WebhookReceipt(String provider, Instant receivedAt, String outcome, String reason, EventKey event, VideoId video) {
        this.id = TimeOrderedId.at(receivedAt);
        this.provider = provider;
        this.receivedAt = receivedAt;
        this.outcome = outcome;
        this.reason = reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
        String key = event == null ? null : event.value();
        this.eventKey = key == null || key.length() <= 255 ? key : key.substring(0, 255);
        this.videoId = video == null ? null : video.value();
    }

    public String getProvider() { return provider; }
    public Instant getReceivedAt() { return receivedAt; }
    public String getOutcome() { return outcome; }
    public String getReason() { return reason; }
    public String getEventKey() { return eventKey; }
    public String getVideoId() { return videoId; }
}
