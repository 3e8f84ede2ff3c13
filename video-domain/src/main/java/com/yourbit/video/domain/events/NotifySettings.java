package com.yourbit.video.domain.events;

import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where events go and how hard to try ({@code video.notify.*}, docs/CONFIGURATION.md). The
 * secret is {@code VIDEO_NOTIFY_SECRET}: {@code whsec_} and the base64 of the key, as the
 * Standard Webhooks specification writes it.
 *
 * @param endpoints {@code video.notify.url}, comma-separated; none: events are kept (for live
 *                  status) but sent nowhere
 * @param retrySchedule the waits after each failed attempt (Standard Webhooks' suggestion:
 *                      5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, about 27 h in all)
 * @param suspendAfter an endpoint failing without a success this long is suspended
 * @param probeEvery a suspended endpoint is tried with one delivery this often
 * @param giveUpAfter a delivery still not through this long after its event fails for good
 * @param retention delivered and failed events are removed this long after they happened
 */
public record NotifySettings(List<URI> endpoints, Optional<byte[]> secret, Duration timeout, List<Duration> retrySchedule,
                             Duration pollInterval, Duration suspendAfter, Duration probeEvery, Duration giveUpAfter,
                             Duration retention) {

    public static final String PREFIX = "video.notify.";
    public static final String SECRET = "VIDEO_NOTIFY_SECRET";
    static final int MAX_ENDPOINTS = 10;
    static final int MAX_URL = 2000;
    private static final String DEFAULT_SCHEDULE = "PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H";

    public NotifySettings {
        endpoints = List.copyOf(endpoints);
        retrySchedule = List.copyOf(retrySchedule);
    }

    public static NotifySettings from(Config config) {
        List<URI> endpoints = new ArrayList<>();
        for (String value : config.getOptionalValue(PREFIX + "url", String.class).orElse("").split(",")) {
            if (!value.isBlank()) {
                endpoints.add(endpoint(value.strip()));
            }
        }
        if (endpoints.size() > MAX_ENDPOINTS) {
            throw new IllegalArgumentException(PREFIX + "url names more than " + MAX_ENDPOINTS + " endpoints");
        }
        Optional<byte[]> secret = config.getOptionalValue(SECRET, String.class).filter(s -> !s.isBlank())
                .map(NotifySettings::secret);
        List<Duration> schedule = new ArrayList<>();
        for (String value : config.getOptionalValue(PREFIX + "retry-schedule", String.class).orElse(DEFAULT_SCHEDULE).split(",")) {
            schedule.add(positive("retry-schedule", value.strip()));
        }
        return new NotifySettings(endpoints, secret,
                duration(config, "timeout", "PT10S"), schedule,
                duration(config, "poll-interval", "PT1S"),
                duration(config, "suspend-after", "PT1H"),
                duration(config, "probe-every", "PT5M"),
                duration(config, "give-up-after", "P3D"),
                duration(config, "retention", "P7D"));
    }

    /** A lease long enough for one attempt, however slow the endpoint. */
    public Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(30);
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(PREFIX + "url: not a URL: " + value);
        }
        if (value.length() > MAX_URL || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(PREFIX + "url: an http or https URL of at most " + MAX_URL
                    + " characters is needed, not " + (value.length() > 80 ? value.substring(0, 80) + "…" : value));
        }
        return uri;
    }

    /** The key bytes; the message never holds the value. */
    static byte[] secret(String value) {
        String base64 = value.startsWith("whsec_") ? value.substring("whsec_".length()) : value;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SECRET + " must be whsec_ followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException(SECRET + " must hold 24 to 64 bytes of key (it holds " + key.length + ")");
        }
        return key;
    }

    private static Duration duration(Config config, String key, String defaultValue) {
        return positive(key, config.getOptionalValue(PREFIX + key, String.class).orElse(defaultValue));
    }

    private static Duration positive(String key, String value) {
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(PREFIX + key + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be an ISO-8601 duration such as PT5S, not " + value);
        }
    }
}
