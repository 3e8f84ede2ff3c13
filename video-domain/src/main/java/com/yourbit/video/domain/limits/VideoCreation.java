package com.yourbit.video.domain.limits;

import com.yourbit.video.api.VideoId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One granted creation, kept for the per-minute window whatever becomes of the video; while
 * {@code inFlight} (its provider call not ended) it also holds a pending slot. The id is the
 * video's id.
 */
@Entity
@Table(name = "video_creation")
public class VideoCreation {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "in_flight", nullable = false)
    private boolean inFlight;

    protected VideoCreation() {
        // for JPA
    }

    VideoCreation(VideoId id, String ownerId, Instant createdAt) {
        this.id = id.value();
        this.ownerId = Objects.requireNonNull(ownerId);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.inFlight = true;
    }

    public String getId() { return id; }
    public String getOwnerId() { return ownerId; }
    public Instant getCreatedAt() { return createdAt; }
    public boolean isInFlight() { return inFlight; }
}
