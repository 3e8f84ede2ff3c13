package com.yourbit.video.domain;

import com.yourbit.video.api.ProviderName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Videos by the ways the domain looks for them. Runs in the caller's transaction. */
@ApplicationScoped
public class VideoRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    /** A new video, with its upload deadline while it waits for its upload. */
    public void insert(Video video) {
        em.persist(video);
        if (video.getStatus() == VideoStatus.PREPARING) {
            em.persist(new UploadDeadline(video.getId(), video.getUploadExpiresAt()));
        }
        em.flush();
    }

    public Optional<Video> find(String id) {
        return Optional.ofNullable(em.find(Video.class, id));
    }

    public Optional<Video> findOwned(String ownerId, String id) {
        return find(id).filter(v -> v.getOwnerId().equals(ownerId));
    }

    public Optional<Video> findByUpload(ProviderName provider, String uploadId) {
        return single(em.createQuery(
                        "select v from Video v where v.storageType = :p and v.uploadId = :u", Video.class)
                .setParameter("p", provider.value())
                .setParameter("u", uploadId));
    }

    public Optional<Video> findByExtId(ProviderName provider, String extId) {
        return single(em.createQuery(
                        "select v from Video v where v.storageType = :p and v.extId = :e", Video.class)
                .setParameter("p", provider.value())
                .setParameter("e", extId));
    }

    /** Newest first; {@code after} continues a previous page. Fetches one extra row to tell if more exist. */
    public List<Video> page(String ownerId, VideoStatus status, PageCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("select v from Video v where v.ownerId = :owner");
        if (status != null) {
            jpql.append(" and v.status = :status");
        }
        if (after != null) {
            jpql.append(" and (v.createdAt < :at or (v.createdAt = :at and v.id < :id))");
        }
        jpql.append(" order by v.createdAt desc, v.id desc");
        TypedQuery<Video> query = em.createQuery(jpql.toString(), Video.class).setParameter("owner", ownerId);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (after != null) {
            query.setParameter("at", after.createdAt()).setParameter("id", after.id());
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    /**
     * The next batch of videos still preparing whose upload deadline is before
     * {@code deadlineBefore}, in deadline order after the keyset ({@code afterDeadline},
     * {@code afterId}). Walks the upload_deadline index; each video is then read by its key.
     */
    public List<Video> stale(Instant deadlineBefore, Instant afterDeadline, String afterId, int limit) {
        StringBuilder jpql = new StringBuilder("select v from UploadDeadline d, Video v"
                + " where v.id = d.videoId and d.expiresAt < :cutoff and v.status = :preparing");
        if (afterDeadline != null) {
            // The redundant ">= :after" lets the index scan start at the keyset instead of
            // filtering its way there from the earliest deadline on every batch.
            jpql.append(" and d.expiresAt >= :after"
                    + " and (d.expiresAt > :after or (d.expiresAt = :after and d.videoId > :afterId))");
        }
        jpql.append(" order by d.expiresAt, d.videoId");
        TypedQuery<Video> query = em.createQuery(jpql.toString(), Video.class)
                .setParameter("preparing", VideoStatus.PREPARING)
                .setParameter("cutoff", deadlineBefore);
        if (afterDeadline != null) {
            query.setParameter("after", afterDeadline).setParameter("afterId", afterId);
        }
        // Read only: the sweep never changes these instances, so Hibernate keeps no snapshot of them.
        return query.setHint("org.hibernate.readOnly", true).setMaxResults(limit).getResultList();
    }

    /**
     * Expires, in one statement, those of {@code ids} still preparing at {@code version}
     * ({@link Video#EXPIRE_ALL}); answers how many it changed.
     */
    public int expireAll(Collection<String> ids, long version, Instant now) {
        return em.createNamedQuery(Video.EXPIRE_ALL)
                .setParameter("ids", ids.toArray(String[]::new))
                .setParameter("version", version)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** The video no longer waits for its upload. */
    public void dropDeadline(String videoId) {
        em.createQuery("delete from UploadDeadline d where d.videoId = :id").setParameter("id", videoId).executeUpdate();
    }

    /**
     * {@link #dropDeadline} for many videos whose deadlines all lie in [{@code from},
     * {@code to}]: the range lets the database find them through the deadline index.
     */
    public int dropDeadlines(Collection<String> videoIds, Instant from, Instant to) {
        return em.createNativeQuery("delete from upload_deadline"
                        + " where expires_at >= :from and expires_at <= :to and video_id = any(:ids)")
                .setParameter("from", from).setParameter("to", to).setParameter("ids", videoIds.toArray(String[]::new))
                .executeUpdate();
    }

    /** The provider set a new deadline for the upload (kept equal to the video's own). */
    public void moveDeadline(String videoId, Instant expiresAt) {
        em.createQuery("update UploadDeadline d set d.expiresAt = :at where d.videoId = :id")
                .setParameter("at", expiresAt).setParameter("id", videoId).executeUpdate();
    }

    /** Any owner's videos, newest first, for administrators. */
    public List<Video> pageAll(VideoStatus status, Instant createdBefore, PageCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("select v from Video v where 1 = 1");
        if (status != null) {
            jpql.append(" and v.status = :status");
        }
        if (createdBefore != null) {
            jpql.append(" and v.createdAt < :before");
        }
        if (after != null) {
            jpql.append(" and (v.createdAt < :at or (v.createdAt = :at and v.id < :id))");
        }
        jpql.append(" order by v.createdAt desc, v.id desc");
        TypedQuery<Video> query = em.createQuery(jpql.toString(), Video.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (createdBefore != null) {
            query.setParameter("before", createdBefore);
        }
        if (after != null) {
            query.setParameter("at", after.createdAt()).setParameter("id", after.id());
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    public void delete(Video video) {
        em.remove(em.contains(video) ? video : em.merge(video));
    }

    public boolean eventSeen(ProviderEvent.Key key) {
        return em.find(ProviderEvent.class, key) != null;
    }

    public void recordEvent(ProviderEvent event) {
        em.persist(event);
    }

    public void recordReceipt(WebhookReceipt receipt) {
        em.persist(receipt);
    }

    public List<WebhookReceipt> latestReceipts(int limit) {
        return em.createQuery("select r from WebhookReceipt r order by r.receivedAt desc", WebhookReceipt.class)
                .setMaxResults(limit).getResultList();
    }

    public int deleteReceiptsBefore(Instant before) {
        return em.createQuery("delete from WebhookReceipt r where r.receivedAt < :before")
                .setParameter("before", before).executeUpdate();
    }

    /** Video counts by provider and status: rows of (storage type, status, count). */
    public List<Object[]> countByProviderAndStatus() {
        return em.createQuery("select v.storageType, v.status, count(v) from Video v group by v.storageType, v.status",
                Object[].class).getResultList();
    }

    /** Forces the version check now, inside the method, instead of at commit. */
    public void flush() {
        em.flush();
    }

    private static Optional<Video> single(TypedQuery<Video> query) {
        return query.setMaxResults(1).getResultList().stream().findFirst();
    }

}
