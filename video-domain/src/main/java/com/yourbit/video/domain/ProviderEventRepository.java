package com.yourbit.video.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
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

    /**
     * Those of {@code keys} that are recorded; they stay in the persistence context, so that
     * {@link #find} answers them without another query. One primary-key read per key: a query
     * with {@code event_key in (...)} made H2 read every row of the provider, as it uses an IN
     * list with an index only on the index's first column, and the table grows with every event.
     */
    public List<ProviderEvent> findAll(Collection<ProviderEvent.Key> keys) {
        return keys.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public void record(ProviderEvent event) {
        em.persist(event);
    }
}
