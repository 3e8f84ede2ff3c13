package com.yourbit.video.domain.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One change of one video, as the web tier is told of it: written in the transaction of the
 * change (no event without its change, no change without its event), never changed after.
 * {@code seq} orders a video's events: the video's version after the change, so it grows with
 * every committed change of that video whichever node made it.
 */
@Entity
@Table(name = "video_event")
public class VideoEvent {

    /** The Standard Webhooks message id ({@code webhook-id}): {@code msg_} and a UUID. */
    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "video_id", nullable = false, length = 36)
    private String videoId;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false, length = 64)
    private String type;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    /** The body sent, byte for byte: {@code {"type","timestamp","data"}}. */
    @Column(nullable = false, length = 20000)
    private String body;

    protected VideoEvent() {
        // for JPA
    }

    VideoEvent(String id, String videoId, String ownerId, long seq, String type, Instant occurredAt, String body) {
        this.id = id;
        this.videoId = videoId;
        this.ownerId = ownerId;
        this.seq = seq;
        this.type = type;
        this.occurredAt = occurredAt;
        this.body = body;
    }

    public String getId() { return id; }
    public String getVideoId() { return videoId; }
    public String getOwnerId() { return ownerId; }
    public long getSeq() { return seq; }
    public String getType() { return type; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getBody() { return body; }
}
