package com.yourbit.video.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One webhook request as received: headers (names compared case-insensitively), the raw
 * body exactly as sent (signatures cover these bytes), and when it arrived.
 */
public record WebhookDelivery(Map<String, String> headers, byte[] body, Instant receivedAt) {

    public WebhookDelivery {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
    }

    /** The header's value, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
