package com.yourbit.video.web.media;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ComposedStoryboardsTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void aStoryboardIsKeptUntilItsTokenExpires() {
        ComposedStoryboards cache = new ComposedStoryboards();
        cache.put("t", "WEBVTT\n", NOW.plusSeconds(60));

        assertThat(cache.get("t", NOW)).contains("WEBVTT\n");
        assertThat(cache.get("t", NOW.plusSeconds(59))).contains("WEBVTT\n");
        assertThat(cache.get("t", NOW.plusSeconds(60))).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(cache.get("other", NOW)).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedGoFirstBeyondTheBound() {
        ComposedStoryboards cache = new ComposedStoryboards();
        for (int i = 0; i < ComposedStoryboards.MAX_ENTRIES; i++) {
            cache.put("t" + i, "vtt " + i, NOW.plusSeconds(60));
        }
        cache.get("t0", NOW);

        cache.put("new", "vtt new", NOW.plusSeconds(60));

        assertThat(cache.size()).isEqualTo(ComposedStoryboards.MAX_ENTRIES);
        assertThat(cache.get("t0", NOW)).as("used recently").isPresent();
        assertThat(cache.get("t1", NOW)).as("the least recently used").isEmpty();
    }
}
