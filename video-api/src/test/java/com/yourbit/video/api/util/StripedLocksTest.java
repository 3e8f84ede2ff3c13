package com.yourbit.video.api.util;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class StripedLocksTest {

    private final StripedLocks locks = new StripedLocks(64);

    @Test
    void equalKeysShareTheirMonitor() {
        assertThat(locks.of(new String("upload-1"))).isSameAs(locks.of("upload-1"));
    }

    @Test
    void keysAreSpreadOverEveryStripeNegativeHashesIncluded() {
        Set<Object> seen = new HashSet<>();
        // Integers hash to themselves: -64..63 covers each stripe twice, half of them from negative hashes.
        IntStream.range(-64, 64).forEach(i -> seen.add(locks.of(i)));
        assertThat(seen).hasSize(64);
    }

    @Test
    void noStripeOrNoKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StripedLocks(0));
        assertThatNullPointerException().isThrownBy(() -> locks.of(null));
    }
}
