package com.yourbit.video.domain.limits;

import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.VideoStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the per-user limits read and write. Runs in the caller's transaction. */
@ApplicationScoped
public class UserLimitRepository {

    /** The provider's word for an upload still waiting for bytes (Video.prepared). */
    private static final String WAITING = "waiting";

    @PersistenceContext(unitName = "video")
    EntityManager em;

    /** Locks the user's row until the transaction ends; false when the user has none yet. */
    public boolean lockUser(String ownerId) {
        return em.find(UserQuota.class, ownerId, LockModeType.PESSIMISTIC_WRITE) != null;
    }

    public boolean userExists(String ownerId) {
        return em.find(UserQuota.class, ownerId) != null;
    }

    public void addUser(String ownerId) {
        em.persist(new UserQuota(ownerId));
        em.flush();
    }

    /** The user's videos in {@code preparing} plus its granted creations still asking their provider. */
    long pending(String ownerId, Instant inFlightSince) {
        long preparing = em.createQuery("select count(v) from Video v where v.ownerId = :o and v.status = :s", Long.class)
                .setParameter("o", ownerId).setParameter("s", VideoStatus.PREPARING).getSingleResult();
        long inFlight = em.createQuery("select count(c) from VideoCreation c where c.ownerId = :o and c.inFlight = true"
                        + " and c.createdAt > :since", Long.class)
                .setParameter("o", ownerId).setParameter("since", inFlightSince).getSingleResult();
        return preparing + inFlight;
    }

    /** When the user's creations since {@code since} were granted, newest first, at most {@code max}. */
    List<Instant> creationsSince(String ownerId, Instant since, int max) {
        return em.createQuery("select c.createdAt from VideoCreation c where c.ownerId = :o and c.createdAt > :since"
                        + " order by c.createdAt desc", Instant.class)
                .setParameter("o", ownerId).setParameter("since", since).setMaxResults(max).getResultList();
    }

    void addCreation(VideoCreation creation) {
        em.persist(creation);
    }

    /** Forgets the user's creations that count for nothing any more. */
    void pruneCreations(String ownerId, Instant windowStart, Instant inFlightSince) {
        em.createQuery("delete from VideoCreation c where c.ownerId = :o and c.createdAt <= :window"
                        + " and (c.inFlight = false or c.createdAt <= :flight)")
                .setParameter("o", ownerId).setParameter("window", windowStart).setParameter("flight", inFlightSince)
                .executeUpdate();
    }

    /** The creation's provider call ended (its video stored, or refused): it no longer holds a pending slot. */
    public void settleCreation(VideoId videoId) {
        em.createQuery("update VideoCreation c set c.inFlight = false where c.id = :id")
                .setParameter("id", videoId.value()).executeUpdate();
    }

    /** The owner of a video still waiting for its upload bytes. */
    Optional<String> ownerOfWaitingUpload(VideoId videoId) {
        return em.createQuery("select v.ownerId from Video v where v.id = :id and v.status = :s", String.class)
                .setParameter("id", videoId.value()).setParameter("s", VideoStatus.PREPARING)
                .getResultList().stream().findFirst();
    }

    /** Bytes declared by the user's unfinished uploads other than {@code exceptVideoId}'s. */
    long declaredBytes(String ownerId, VideoId exceptVideoId) {
        Long sum = em.createQuery("select sum(v.uploadLength) from Video v where v.ownerId = :o and v.status = :s"
                        + " and v.uploadStatus = :waiting and v.id <> :id", Long.class)
                .setParameter("o", ownerId).setParameter("s", VideoStatus.PREPARING)
                .setParameter("waiting", WAITING).setParameter("id", exceptVideoId.value()).getSingleResult();
        return sum == null ? 0 : sum;
    }

    /**
     * Records the upload's declared size ({@code null}: none). A bulk update, so the video's
     * version is not raised: the size is the upload's own fact and must not make a
     * concurrent status change conflict.
     */
    void setDeclared(VideoId videoId, Long length) {
        em.createQuery("update Video v set v.uploadLength = :l where v.id = :id")
                .setParameter("l", length).setParameter("id", videoId.value()).executeUpdate();
    }
}
