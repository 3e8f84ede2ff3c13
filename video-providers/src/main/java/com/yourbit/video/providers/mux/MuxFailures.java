package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.providers.common.ProviderHttpFailures;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mux's failures in the providers' common terms ({@link ProviderHttpFailures}): the HTTP
 * status decides final (502) or worth retrying (503), and the message may carry Mux's error
 * {@code type} (a fixed word such as {@code unauthorized}), never Mux's free-text messages,
 * which may echo our input.
 */
final class MuxFailures {

    private static final String MUX = "Mux";
    private static final Pattern ERROR_TYPE = Pattern.compile("[a-z_]{1,40}");

    private MuxFailures() {
    }

    static ProviderUnavailableException fromStatus(String action, int status, Optional<JsonObject> body,
                                                   Optional<String> retryAfterHeader, Instant now) {
        String type = body.map(b -> b.get("error") instanceof JsonObject e ? e : null)
                .map(e -> e.getString("type", null))
                .filter(t -> ERROR_TYPE.matcher(t).matches())
                .orElse(null);
        return ProviderHttpFailures.fromStatus(MUX, action, status, retryAfterHeader.orElse(null), type, now);
    }

    static ProviderUnavailableException unreachable(String action, Throwable cause) {
        return ProviderHttpFailures.unreachable(MUX, action, cause);
    }

    static ProviderUnavailableException unexpectedAnswer(String action) {
        return ProviderHttpFailures.unreadable(MUX, action);
    }
}
