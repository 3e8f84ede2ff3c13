package com.yourbit.video.domain;

import com.yourbit.video.api.VideoId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Collection;

/**
 * The upload_deadline table ({@link UploadDeadline}): one row per video still waiting for its
 * upload. The stale-upload sweep reads it through {@link VideoRepository#stale}. Runs in the
 * caller's transaction.
 */
@ApplicationScoped
public class UploadDeadlineRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    /** A new video waits for its upload until {@code expiresAt}. */
    public void add(VideoId videoId, Instant expiresAt) {
        em.persist(new UploadDeadline(videoId, expiresAt));
    }

    /** The video no longer waits for its upload. */
    public void drop(VideoId videoId) {
        em.createQuery("delete from UploadDeadline d where d.videoId = :id").setParameter("id", videoId.value()).executeUpdate();
    }

    /**
     * {@link #drop} for many videos whose deadlines all lie in [{@code from},
     * {@code to}]: the range lets the database find them through the deadline index.
     */
    public int dropAll(Collection<VideoId> videoIds, Instant from, Instant to) {
        return em.createNativeQuery("delete from upload_deadline"
                        + " where expires_at >= :from and expires_at <= :to and video_id = any(:ids)")
                .setParameter("from", from).setParameter("to", to).setParameter("ids", videoIds.stream().map(VideoId::value).toArray(String[]::new))
                .executeUpdate();
    }

    /** The provider set a new deadline for the upload (kept equal to the video's own). */
    public void move(VideoId videoId, Instant expiresAt) {
        em.createQuery("update UploadDeadline d set d.expiresAt = :at where d.videoId = :id")
                .setParameter("at", expiresAt).setParameter("id", videoId.value()).executeUpdate();
    }
}
