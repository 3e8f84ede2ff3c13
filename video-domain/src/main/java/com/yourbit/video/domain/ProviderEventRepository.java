package com.yourbit.video.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * Those of {@code keys} that are recorded, read in one query per provider; they stay in the
     * persistence context, so that {@link #find} answers them without another query.
     */
    public List<ProviderEvent> findAll(Collection<ProviderEvent.Key> keys) {
        return keys.stream().collect(Collectors.groupingBy(ProviderEvent.Key::provider,
                        Collectors.mapping(ProviderEvent.Key::eventKey, Collectors.toSet())))
                .entrySet().stream()
                .flatMap(byProvider -> em.createQuery("select e from ProviderEvent e where e.key.provider = :p"
                                + " and e.key.eventKey in :k", ProviderEvent.class)
                        .setParameter("p", byProvider.getKey()).setParameter("k", byProvider.getValue())
                        .getResultList().stream())
                .toList();
    }

    public void record(ProviderEvent event) {
        em.persist(event);
    }
}
