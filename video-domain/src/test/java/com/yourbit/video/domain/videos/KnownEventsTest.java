package com.yourbit.video.domain.videos;

import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.domain.ProviderEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownEventsTest {

    private static ProviderEvent.Key key(String provider, String event) {
        return new ProviderEvent.Key(ProviderName.of(provider), EventKey.of(event));
    }

    @Test
    void knowsWhatWasAddedPerProvider() {
        KnownEvents known = new KnownEvents();
        known.add(key("mux", "e1"));
        assertThat(known.contains(key("mux", "e1"))).isTrue();
        assertThat(known.contains(key("cloudflare", "e1"))).isFalse();
        assertThat(known.contains(key("mux", "e2"))).isFalse();
    }

    @Test
    void boundedLeastRecentlyUsedOut() {
        KnownEvents known = new KnownEvents(3);
        known.add(key("mux", "kept"));
        for (int i = 0; i < 10; i++) {
            known.add(key("mux", "e" + i));
            assertThat(known.contains(key("mux", "kept"))).isTrue();
        }
        assertThat(known.size()).isEqualTo(3);
        assertThat(known.contains(key("mux", "e0"))).isFalse();
        assertThat(known.contains(key("mux", "e9"))).isTrue();
    }
}
