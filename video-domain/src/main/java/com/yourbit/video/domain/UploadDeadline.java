package com.yourbit.video.domain;

import com.yourbit.video.api.VideoId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * The deadline of a video still waiting for its upload: one row per {@code preparing} video,
 * gone once the video leaves {@code preparing}. The stale-upload sweep walks this narrow
 * table by deadline instead of an index on the video's own status, so that expiring a video
 * touches no index of the video table and PostgreSQL can update it in place (HOT).
 * {@link com.yourbit.video.domain.videos.VideoStatusService} keeps it in step with the video; deleting a video deletes it
 * (foreign key, on delete cascade).
 */
@Entity
@Table(name = "upload_deadline")
public class UploadDeadline {

    @Id
    @Column(name = "video_id", length = 36)
    private String videoId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected UploadDeadline() {
        // for JPA
    }

    UploadDeadline(VideoId videoId, Instant expiresAt) {
        this.videoId = videoId.value();
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    public String getVideoId() { return videoId; }
    public Instant getExpiresAt() { return expiresAt; }
}
