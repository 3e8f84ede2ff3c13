package com.yourbit.video.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/** The provider_event table: the events already received, by key. Runs in the caller's transaction. */
@ApplicationScoped
public class ProviderEventRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    public boolean seen(ProviderEvent.Key key) {
        return find(key).isPresent();
    }

    public Optional<ProviderEvent> find(ProviderEvent.Key key) {
        return Optional.ofNullable(em.find(ProviderEvent.class, key));
    }

    public void record(ProviderEvent event) {
        em.persist(event);
    }
}
