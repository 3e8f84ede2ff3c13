package com.yourbit.video.domain;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The video table: videos by the ways the domain looks for them. Runs in the caller's transaction. */
@ApplicationScoped
public class VideoRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    /** A new video; while it waits for its upload, the caller also {@link UploadDeadlineRepository#add adds} its deadline. */
    public void insert(Video video) {
        em.persist(video);
        em.flush();
    }

    public Optional<Video> find(VideoId id) {
        return Optional.ofNullable(em.find(Video.class, id.value()));
    }

    public Optional<Video> findOwned(String ownerId, VideoId id) {
        return find(id).filter(v -> v.getOwnerId().equals(ownerId));
    }

    public Optional<Video> findByUpload(ProviderName provider, UploadId uploadId) {
        return single(em.createQuery(
                        "select v from Video v where v.storageType = :p and v.uploadId = :u", Video.class)
                .setParameter("p", provider.value())
                .setParameter("u", uploadId.value()));
    }

    public Optional<Video> findByExtId(ProviderName provider, AssetId extId) {
        return single(em.createQuery(
                        "select v from Video v where v.storageType = :p and v.extId = :e", Video.class)
                .setParameter("p", provider.value())
                .setParameter("e", extId.value()));
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
            query.setParameter("at", after.createdAt()).setParameter("id", after.id().value());
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    /**
     * The next batch of videos still preparing whose upload deadline is before
     * {@code deadlineBefore}, in deadline order after the keyset ({@code afterDeadline},
     * {@code afterId}). Walks the upload_deadline index; each video is then read by its key.
     */
    public List<Video> stale(Instant deadlineBefore, Instant afterDeadline, VideoId afterId, int limit) {
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
            query.setParameter("after", afterDeadline).setParameter("afterId", afterId.value());
        }
        // Read only: the sweep never changes these instances, so Hibernate keeps no snapshot of them.
        return query.setHint("org.hibernate.readOnly", true).setMaxResults(limit).getResultList();
    }

    /**
     * Expires, in one statement, those of {@code ids} still preparing at {@code version}
     * ({@link Video#EXPIRE_ALL}); answers how many it changed.
     */
    public int expireAll(Collection<VideoId> ids, long version, Instant now) {
        return em.createNamedQuery(Video.EXPIRE_ALL)
                .setParameter("ids", ids.stream().map(VideoId::value).toArray(String[]::new))
                .setParameter("version", version)
                .setParameter("now", now)
                .executeUpdate();
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
            query.setParameter("at", after.createdAt()).setParameter("id", after.id().value());
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    public void delete(Video video) {
        em.remove(em.contains(video) ? video : em.merge(video));
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
