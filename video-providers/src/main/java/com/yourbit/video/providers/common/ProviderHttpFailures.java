package com.yourbit.video.providers.common;

import com.yourbit.video.api.ProviderUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns a provider's failed HTTP answer into {@link ProviderUnavailableException}: 429 and
 * 5xx are transient (503 to our client, with the provider's {@code Retry-After} when it gave
 * one); other refusals are not (502). The message names the provider and status only, never
 * the provider's body (it may echo secrets or internals).
 */
public final class ProviderHttpFailures {

    private ProviderHttpFailures() {
    }

    /** @param now when the answer came, to read a {@code Retry-After} given as a date */
    public static ProviderUnavailableException fromStatus(String provider, String action, int status, String retryAfterHeader,
                                                          Instant now) {
        return fromStatus(provider, action, status, retryAfterHeader, null, now);
    }

    /**
     * @param errorCode the provider's own error code when it is a fixed word (e.g. Mux's
     *                  {@code unauthorized}); checked by the caller, never free text
     * @param now when the answer came, to read a {@code Retry-After} given as a date
     */
    public static ProviderUnavailableException fromStatus(String provider, String action, int status,
                                                          String retryAfterHeader, String errorCode, Instant now) {
        boolean transientFailure = status == 429 || status >= 500;
        String why = switch (status) {
            case 401, 403 -> "refused our credentials";
            case 429 -> "is rate limiting us";
            default -> status >= 500 ? "failed" : "refused the request";
        };
        return new ProviderUnavailableException(provider + " " + why + " (" + action + ", HTTP " + status
                + (errorCode == null ? "" : ": " + errorCode) + ")",
                transientFailure, transientFailure ? retryAfter(retryAfterHeader, now) : null, null);
    }

    /** The provider answered 2xx but said it failed (e.g. Cloudflare's {@code success: false}). */
    public static ProviderUnavailableException refused(String provider, String action) {
        return new ProviderUnavailableException(provider + " reported a failure (" + action + ")", false, null, null);
    }

    /** No usable answer: connection refused, timed out, or a body that is not the provider's. */
    public static ProviderUnavailableException unreachable(String provider, String action, Throwable cause) {
        return new ProviderUnavailableException(provider + " did not answer (" + action + ")", true, null, cause);
    }

    public static ProviderUnavailableException unreadable(String provider, String action) {
        return new ProviderUnavailableException(provider + " gave an answer we cannot read (" + action + ")", false, null, null);
    }

    /** {@code Retry-After} as delta-seconds or HTTP-date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
