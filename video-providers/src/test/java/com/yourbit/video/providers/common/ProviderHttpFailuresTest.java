package com.yourbit.video.providers.common;

import com.yourbit.video.api.ProviderUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHttpFailuresTest {

    @Test
    void rateLimitsAndServerErrorsAreTransientWithTheProvidersRetryAfter() {
        ProviderUnavailableException limited = ProviderHttpFailures.fromStatus("P", "create", 429, "12");
        assertThat(limited.isTransient()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        ProviderUnavailableException down = ProviderHttpFailures.fromStatus("P", "create", 503, null);
        assertThat(down.isTransient()).isTrue();
        assertThat(down.retryAfter()).isNull();
    }

    @Test
    void refusalsAreNotTransient() {
        for (int status : new int[]{400, 401, 403, 404, 422}) {
            ProviderUnavailableException e = ProviderHttpFailures.fromStatus("P", "create", status, "5");
            assertThat(e.isTransient()).as("HTTP %d", status).isFalse();
            assertThat(e.retryAfter()).isNull();
        }
        assertThat(ProviderHttpFailures.fromStatus("P", "create", 401, null).getMessage()).contains("credentials");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDatesAndIgnoresNonsense() {
        assertThat(ProviderHttpFailures.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderHttpFailures.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttpFailures.retryAfter("soon")).isNull();
        assertThat(ProviderHttpFailures.retryAfter("-3")).isNull();
        assertThat(ProviderHttpFailures.retryAfter("999999")).isEqualTo(Duration.ofHours(1));
    }
}
