package com.yourbit.video.api.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LruCacheTest {

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a")).isEqualTo(1); // a is now more recent than b
        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("c")).isEqualTo(3);
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        LruCache<String, String> cache = new LruCache<>(4);
        assertThat(cache.putIfAbsent("k", "first")).isEqualTo("first");
        assertThat(cache.putIfAbsent("k", "second")).isEqualTo("first");
        cache.remove("k");
        assertThat(cache.get("k")).isNull();
    }

    @Test
    void refusesAnEmptyCapacity() {
        assertThatThrownBy(() -> new LruCache<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
