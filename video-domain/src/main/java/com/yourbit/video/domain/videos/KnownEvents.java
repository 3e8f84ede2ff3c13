package com.yourbit.video.domain.videos;

import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.api.util.LruCache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Provider events this node knows to be in the provider_event table, so that a repeated
 * delivery is answered {@code duplicate} before any database work. Only what the database
 * said is kept (a key is added after the transaction that recorded it committed, or after the
 * table showed it), and provider_event rows are never deleted: a key here is a duplicate on
 * every node. A key not here is not news either way; the database, the arbiter across nodes,
 * decides ({@link VideoStatusService#apply}).
 *
 * <p>Bounded (least recently used out): a provider retries an event within hours, and
 * {@link #CAPACITY} keys cost a few megabytes.
 */
@ApplicationScoped
public class KnownEvents {

    static final int CAPACITY = 20_000;

    private final LruCache<ProviderEvent.Key, Boolean> keys;

    public KnownEvents() {
        this(CAPACITY);
    }

    KnownEvents(int capacity) {
        this.keys = new LruCache<>(capacity);
    }

    public boolean contains(ProviderEvent.Key key) {
        return keys.get(key) != null;
    }

    /** Only for a key the database holds (committed). */
    public void add(ProviderEvent.Key key) {
        keys.put(key, Boolean.TRUE);
    }

    int size() {
        return keys.size();
    }
}
