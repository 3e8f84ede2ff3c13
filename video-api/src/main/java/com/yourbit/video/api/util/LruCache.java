package com.yourbit.video.api.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code capacity} entries that forgets the least recently used one first,
 * safe for several threads: what a node remembers to save work (known events, signed URLs,
 * tokens) must cost bounded memory whatever a flood of distinct requests asks.
 *
 * <p>One lock for all operations: each is a hash lookup, far cheaper than the work a hit saves.
 */
public final class LruCache<K, V> {

    private final Map<K, V> entries;

    public LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value, now the most recently used; {@code null} when none is kept. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /** The value already kept, else {@code value}, which is then kept. */
    public synchronized V putIfAbsent(K key, V value) {
        V kept = entries.putIfAbsent(key, value);
        return kept == null ? value : kept;
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
