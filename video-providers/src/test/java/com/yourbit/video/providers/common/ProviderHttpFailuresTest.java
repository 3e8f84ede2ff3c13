package com.yourbit.video.providers.common;

import com.yourbit.video.api.ProviderUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHttpFailuresTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void rateLimitsAndServerErrorsAreTransientWithTheProvidersRetryAfter() {
        ProviderUnavailableException limited = ProviderHttpFailures.fromStatus("P", "create", 429, "12", NOW);
        assertThat(limited.isTransient()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        ProviderUnavailableException down = ProviderHttpFailures.fromStatus("P", "create", 503, null, NOW);
        assertThat(down.isTransient()).isTrue();
        assertThat(down.retryAfter()).isNull();
    }

    @Test
    void refusalsAreNotTransient() {
        for (int status : new int[]{400, 401, 403, 404, 422}) {
            ProviderUnavailableException e = ProviderHttpFailures.fromStatus("P", "create", status, "5", NOW);
            assertThat(e.isTransient()).as("HTTP %d", status).isFalse();
            assertThat(e.retryAfter()).isNull();
        }
        assertThat(ProviderHttpFailures.fromStatus("P", "create", 401, null, NOW).getMessage()).contains("credentials");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDatesAndIgnoresNonsense() {
        assertThat(ProviderHttpFailures.retryAfter("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderHttpFailures.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttpFailures.retryAfter("soon", NOW)).isNull();
        assertThat(ProviderHttpFailures.retryAfter("-3", NOW)).isNull();
        assertThat(ProviderHttpFailures.retryAfter("999999", NOW)).isEqualTo(Duration.ofHours(1));
    }
}
