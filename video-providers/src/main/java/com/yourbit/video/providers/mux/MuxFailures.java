package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ProviderUnavailableException;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns Mux's failures into {@link ProviderUnavailableException}s whose message is safe to
 * show a client: the HTTP status and Mux's error {@code type} (a fixed word such as
 * {@code unauthorized}), never Mux's free-text messages, which may echo our input.
 * A refusal (4xx) is final (our 502); 429 and 5xx are worth retrying (our 503).
 */
final class MuxFailures {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Pattern ERROR_TYPE = Pattern.compile("[a-z_]{1,40}");

    private MuxFailures() {
    }

    static ProviderUnavailableException fromStatus(String action, int status, Optional<JsonObject> body,
                                                   Optional<String> retryAfterHeader) {
        String type = body.map(b -> b.get("error") instanceof JsonObject e ? e : null)
                .map(e -> e.getString("type", null))
                .filter(t -> ERROR_TYPE.matcher(t).matches())
                .map(t -> " (" + t + ")")
                .orElse("");
        if (status == 429) {
            return new ProviderUnavailableException("Mux is rate limiting requests to " + action + type,
                    true, retryAfter(retryAfterHeader), null);
        }
        if (status >= 500) {
            return new ProviderUnavailableException("Mux failed to " + action + ": HTTP " + status + type,
                    true, retryAfter(retryAfterHeader), null);
        }
        return new ProviderUnavailableException("Mux refused to " + action + ": HTTP " + status + type,
                false, null, null);
    }

    static ProviderUnavailableException unreachable(String action, Throwable cause) {
        return new ProviderUnavailableException("Mux did not answer in time to " + action, true, DEFAULT_RETRY_AFTER, cause);
    }

    static ProviderUnavailableException unexpectedAnswer(String action) {
        return new ProviderUnavailableException("Mux gave an unexpected answer to " + action, false, null, null);
    }

    /** Mux's {@code Retry-After} in seconds when it sends one, else our default. */
    static Duration retryAfter(Optional<String> header) {
        return header.map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Math.max(1, Long.parseLong(v))))
                .orElse(DEFAULT_RETRY_AFTER);
    }
}
