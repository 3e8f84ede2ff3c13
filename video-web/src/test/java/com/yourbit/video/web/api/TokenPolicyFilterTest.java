package com.yourbit.video.web.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPolicyFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(60);

    @Test
    void aTokenIssuedWithinTheClockSkewPasses() {
        assertThat(TokenPolicyFilter.refusal(NOW.getEpochSecond() + 60, "alice", NOW, SKEW)).isNull();
        assertThat(TokenPolicyFilter.refusal(NOW.getEpochSecond() - 3600, "alice", NOW, SKEW)).isNull();
    }

    @Test
    void aTokenIssuedFurtherInTheFutureIsRefused() {
        assertThat(TokenPolicyFilter.refusal(NOW.getEpochSecond() + 61, "alice", NOW, SKEW)).contains("future");
    }

    @Test
    void userIdsMustFitTheSchema() {
        long iat = NOW.getEpochSecond();
        assertThat(TokenPolicyFilter.refusal(iat, "u".repeat(CurrentUser.MAX_ID_LENGTH), NOW, SKEW)).isNull();
        assertThat(TokenPolicyFilter.refusal(iat, "u".repeat(CurrentUser.MAX_ID_LENGTH + 1), NOW, SKEW)).contains("longer");
        assertThat(TokenPolicyFilter.refusal(iat, " ", NOW, SKEW)).contains("no user");
        assertThat(TokenPolicyFilter.refusal(iat, null, NOW, SKEW)).contains("no user");
    }
}
