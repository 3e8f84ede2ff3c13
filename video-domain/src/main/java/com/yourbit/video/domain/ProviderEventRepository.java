package com.yourbit.video.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The provider_event table: the events already received, by key. Runs in the caller's transaction. */
@ApplicationScoped
public class ProviderEventRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    public boolean seen(ProviderEvent.Key key) {
        return em.find(ProviderEvent.class, key) != null;
    }

    public void record(ProviderEvent event) {
        em.persist(event);
    }
}
