package com.yourbit.video.domain;

import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.VideoId;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A provider event that was received: its key makes a repeat delivery a no-op. */
@Entity
@Table(name = "provider_event")
public class ProviderEvent {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String provider;
        @Column(name = "event_key")
        private String eventKey;

        protected Key() {
        }

        public Key(ProviderName provider, EventKey eventKey) {
            this.provider = provider.value();
            this.eventKey = eventKey.value();
        }

        public String provider() {
            return provider;
        }

        public String eventKey() {
            return eventKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.provider.equals(provider) && k.eventKey.equals(eventKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(provider, eventKey);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "video_id")
    private String videoId;

    private String outcome;

    @Column(name = "received_at")
    private Instant receivedAt;

    protected ProviderEvent() {
    }

    /** {@code videoId} is null when no video matched the event. */
    public ProviderEvent(Key key, VideoId videoId, UpdateOutcome outcome, Instant receivedAt) {
        this.key = key;
        this.videoId = videoId == null ? null : videoId.value();
        this.outcome = outcome.name();
        this.receivedAt = receivedAt;
    }

    public Key getKey() {
        return key;
    }

    /** No video matched it when it came: recorded, not applied. */
    public boolean foundNoVideo() {
        return videoId == null;
    }

    /** It came again once its video was there, and was applied to it then. */
    public void appliedLater(VideoId videoId, UpdateOutcome outcome, Instant at) {
        this.videoId = videoId.value();
        this.outcome = outcome.name();
        this.receivedAt = at;
    }
}
