package com.yourbit.video.providers.cloudflare;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTokenCacheTest {

    private static final Instant EXP = Instant.ofEpochSecond(1_700_000_600L);

    private final StreamTokenCache cache = new StreamTokenCache();
    private final AtomicInteger signed = new AtomicInteger();

    private String token(String uid, Instant exp, String rules, boolean downloadable) {
        return cache.token(uid, exp, rules, downloadable, () -> "token-" + signed.incrementAndGet());
    }

    @Test
    void aStoryboardsHundredTilesCostOneSignature() {
        for (int tile = 0; tile < 100; tile++) {
            assertThat(token("uid1", EXP.plusMillis(tile), null, false)).isEqualTo("token-1");
        }
        assertThat(signed).hasValue(1);
    }

    @Test
    void anyDifferenceInWhatTheTokenSaysSignsAnew() {
        token("uid1", EXP, null, false);
        assertThat(token("uid2", EXP, null, false)).isEqualTo("token-2");
        assertThat(token("uid1", EXP.plusSeconds(1), null, false)).isEqualTo("token-3");
        assertThat(token("uid1", EXP, "[{\"type\":\"any\",\"action\":\"block\"}]", false)).isEqualTo("token-4");
        assertThat(token("uid1", EXP, null, true)).as("a playback token never opens the MP4").isEqualTo("token-5");
        assertThat(token("uid1", EXP, "", false)).as("no rules, however said").isEqualTo("token-1");
    }

    @Test
    void aFloodOfDistinctRequestsKeepsAtMostTheCapacity() {
        for (int i = 0; i < StreamTokenCache.CAPACITY * 3; i++) {
            token("uid" + i, EXP, null, false);
        }
        assertThat(cache.size()).isEqualTo(StreamTokenCache.CAPACITY);
        // The most recent are kept, the oldest signed again.
        int before = signed.get();
        token("uid" + (StreamTokenCache.CAPACITY * 3 - 1), EXP, null, false);
        assertThat(signed).hasValue(before);
        token("uid0", EXP, null, false);
        assertThat(signed).hasValue(before + 1);
    }
}
