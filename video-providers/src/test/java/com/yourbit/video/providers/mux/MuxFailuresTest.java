package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ProviderUnavailableException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MuxFailuresTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static final Optional<JsonObject> UNAUTHORIZED = Optional.of(Json.createReader(new StringReader(
            "{\"error\": {\"type\": \"unauthorized\", \"messages\": [\"Unauthorized request for token abc\"]}}")).readObject());

    @Test
    void aRefusalIsFinalAndNamesOnlyTheStatusAndErrorType() {
        ProviderUnavailableException e = MuxFailures.fromStatus("create an upload", 401, UNAUTHORIZED, Optional.empty(), NOW);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Mux refused our credentials (create an upload, HTTP 401: unauthorized)")
                .doesNotContain("abc");
    }

    @Test
    void rateLimitsAndServerErrorsAreWorthRetrying() {
        ProviderUnavailableException limited = MuxFailures.fromStatus("create an upload", 429, Optional.empty(), Optional.of("7"), NOW);
        assertThat(limited.isTransient()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        ProviderUnavailableException failed = MuxFailures.fromStatus("create an upload", 503, Optional.empty(), Optional.of("soon"), NOW);
        assertThat(failed.isTransient()).isTrue();
        assertThat(failed.retryAfter()).as("unreadable: the domain's default applies").isNull();
    }

    @Test
    void anErrorTypeThatIsNotAFixedWordIsLeftOut() {
        Optional<JsonObject> odd = Optional.of(Json.createReader(new StringReader(
                "{\"error\": {\"type\": \"<script>alert(1)</script>\"}}")).readObject());
        ProviderUnavailableException e = MuxFailures.fromStatus("delete an asset", 400, odd, Optional.empty(), NOW);
        assertThat(e.getMessage()).isEqualTo("Mux refused the request (delete an asset, HTTP 400)");
    }
}
