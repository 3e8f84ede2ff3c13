package com.yourbit.video.domain.limits;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserLimitsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final UserLimits limits = new UserLimits(50, 30, 1000);

    @Test
    void theFiftiethPendingVideoIsAllowedAndTheFiftyFirstRefused() {
        assertThatNoException().isThrownBy(() -> limits.checkCreation(49, List.of(), NOW));
        assertThatThrownBy(() -> limits.checkCreation(50, List.of(), NOW))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PENDING_LIMIT_EXCEEDED);
                    assertThat(e.code().status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isPositive();
                });
    }

    @Test
    void theWindowRefusesTheThirtyFirstCreationUntilTheOldestOfTheLastThirtyLeavesIt() {
        // 30 creations, one a second, the oldest 40 s ago: it leaves the window in 20 s.
        List<Instant> newestFirst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            newestFirst.add(NOW.minusSeconds(11 + i));
        }
        assertThatThrownBy(() -> limits.checkCreation(0, newestFirst, NOW))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CREATION_RATE_EXCEEDED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
                });
        assertThatNoException().isThrownBy(() -> limits.checkCreation(0, newestFirst, NOW.plusSeconds(20)));
        assertThatNoException().isThrownBy(() -> limits.checkCreation(0, newestFirst.subList(0, 29), NOW));
    }

    @Test
    void aWindowThatFreesWithinASecondStillSaysOneSecond() {
        List<Instant> newestFirst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            newestFirst.add(NOW.minusMillis(59_970 + i));
        }
        assertThatThrownBy(() -> limits.checkCreation(0, newestFirst, NOW))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void pendingIsCheckedBeforeTheRate() {
        List<Instant> full = java.util.Collections.nCopies(30, NOW.minusSeconds(1));
        assertThatThrownBy(() -> limits.checkCreation(50, full, NOW))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PENDING_LIMIT_EXCEEDED));
    }

    @Test
    void declaredBytesMayFillTheQuotaExactlyButNotBeyond() {
        assertThatNoException().isThrownBy(() -> limits.checkDeclaredBytes(600, 400));
        assertThatThrownBy(() -> limits.checkDeclaredBytes(600, 401))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_QUOTA_EXCEEDED);
                    assertThat(e.retryAfter()).isPositive();
                });
        // No overflow for a huge declaration.
        assertThatThrownBy(() -> limits.checkDeclaredBytes(600, Long.MAX_VALUE)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void settingsComeFromConfigWithDefaults() {
        assertThat(UserLimits.from(new MapConfig(Map.of())))
                .isEqualTo(new UserLimits(50, 30, 50L * 1024 * 1024 * 1024));
        assertThat(UserLimits.from(new MapConfig(Map.of(UserLimits.PENDING_PER_USER, "5",
                UserLimits.CREATIONS_PER_MINUTE, "7", UserLimits.UPLOAD_BYTES_PER_USER, "9"))))
                .isEqualTo(new UserLimits(5, 7, 9));
        assertThatThrownBy(() -> UserLimits.from(new MapConfig(Map.of(UserLimits.PENDING_PER_USER, "0"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
