package com.yourbit.video.domain.captions;

import com.yourbit.video.api.VideoId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** The caption table. Runs in the caller's transaction; uniqueness of (video, lang) is the table's. */
@ApplicationScoped
public class CaptionRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    public Optional<Caption> find(VideoId videoId, String lang) {
        return em.createQuery("select c from Caption c where c.videoId = :v and c.lang = :l", Caption.class)
                .setParameter("v", videoId.value()).setParameter("l", lang)
                .getResultStream().findFirst();
    }

    public List<Caption> of(VideoId videoId) {
        return em.createQuery("select c from Caption c where c.videoId = :v order by c.lang", Caption.class)
                .setParameter("v", videoId.value()).getResultList();
    }

    public Optional<Caption> byRef(String ref) {
        return em.createQuery("select c from Caption c where c.ref = :r", Caption.class)
                .setParameter("r", ref).getResultStream().findFirst();
    }

    /** Track ids are the provider's: several videos' tracks could share one only across providers. */
    public List<Caption> byTrack(String trackId) {
        return em.createQuery("select c from Caption c where c.trackId = :t", Caption.class)
                .setParameter("t", trackId).getResultList();
    }

    public void insert(Caption caption) {
        em.persist(caption);
    }

    public void delete(Caption caption) {
        em.remove(caption);
    }

    public void flush() {
        em.flush();
    }
}
