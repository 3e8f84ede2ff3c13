package com.yourbit.video.domain.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One event on its way to one endpoint. A node takes it by a lease ({@code claimedBy} until
 * {@code claimedUntil}, set by one conditional update, so two nodes never both send it), sends
 * it outside any transaction and records the answer. A video's deliveries to one endpoint go
 * one after the other, in {@code seq} order: only the earliest pending one may be claimed.
 */
@Entity
@Table(name = "event_delivery")
public class EventDelivery {

    public enum Status { PENDING, DELIVERED, FAILED, CANCELLED }

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "event_id", nullable = false, length = 40)
    private String eventId;

    @Column(name = "video_id", nullable = false, length = 36)
    private String videoId;

    @Column(nullable = false)
    private long seq;

    /** The event's type, kept here for the administrator's list. */
    @Column(nullable = false, length = 64)
    private String type;

    @Column(nullable = false, length = 2000)
    private String endpoint;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    /** The endpoint's HTTP status of the last attempt; {@code null} when none came (timeout, refused). */
    @Column(name = "last_status")
    private Integer lastStatus;

    /** What went wrong the last time, in a few words; never a secret, never the endpoint's body. */
    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected EventDelivery() {
        // for JPA
    }

    EventDelivery(String id, VideoEvent event, String endpoint, Instant now) {
        this.id = id;
        this.eventId = event.getId();
        this.videoId = event.getVideoId();
        this.seq = event.getSeq();
        this.type = event.getType();
        this.endpoint = endpoint;
        this.status = Status.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public String getId() { return id; }
    public String getEventId() { return eventId; }
    public String getVideoId() { return videoId; }
    public long getSeq() { return seq; }
    public String getType() { return type; }
    public String getEndpoint() { return endpoint; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public String getClaimedBy() { return claimedBy; }
    public Instant getClaimedUntil() { return claimedUntil; }
    public Instant getLastAttemptAt() { return lastAttemptAt; }
    public Integer getLastStatus() { return lastStatus; }
    public String getLastError() { return lastError; }
    public Instant getDeliveredAt() { return deliveredAt; }

    void delivered(int httpStatus, Instant at) {
        attempts++;
        status = Status.DELIVERED;
        lastAttemptAt = at;
        lastStatus = httpStatus;
        lastError = null;
        deliveredAt = at;
        release();
    }

    /** Another attempt at {@code next}, or none ({@code null}): then it failed for good. */
    void attemptFailed(Integer httpStatus, String error, Instant at, Instant next) {
        attempts++;
        lastAttemptAt = at;
        lastStatus = httpStatus;
        lastError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        if (next == null) {
            status = Status.FAILED;
        } else {
            nextAttemptAt = next;
        }
        release();
    }

    /** Not attempted now (its endpoint is suspended or no longer configured): later, or never. */
    void postpone(Instant next) {
        nextAttemptAt = next;
        release();
    }

    void cancel(String why) {
        status = Status.CANCELLED;
        lastError = why;
        release();
    }

    /** An administrator asks for it again: from now, with a fresh schedule. */
    void redeliver(Instant now) {
        status = Status.PENDING;
        attempts = 0;
        nextAttemptAt = now;
        deliveredAt = null;
        release();
    }

    private void release() {
        claimedBy = null;
        claimedUntil = null;
    }
}
