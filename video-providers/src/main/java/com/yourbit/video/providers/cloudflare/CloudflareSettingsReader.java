package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.UploadProtocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@link CloudflareSettings} from MicroProfile Config on every use, so a changed action
 * map or a newly set secret takes effect without a redeploy. Secrets keep the seed's names.
 */
@ApplicationScoped
public class CloudflareConfig {

    static final String API_TOKEN = "CLOUDFLARE_STREAM_API_KEY";
    static final String ACCOUNT_ID = "CLOUDFLARE_ACCOUNT_ID";
    static final String WEBHOOK_SECRET = "CLOUDFLARE_WEBHOOK_SECRET";
    static final String CUSTOMER_CODE = "CLOUDFLARE_CUSTOMER_CODE";
    static final String SIGNING_KEY_ID = "VIDEO_CDN_TOKEN";
    static final String SIGNING_KEY = "VIDEO_CDN_SECRET";

    @Inject
    Config config;

    public CloudflareSettings current() {
        String apiUrl = map("api-url");
        return new CloudflareSettings(
                URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl),
                secret(ACCOUNT_ID), secret(API_TOKEN), secret(WEBHOOK_SECRET), secret(CUSTOMER_CODE),
                secret(SIGNING_KEY_ID), secret(SIGNING_KEY),
                Boolean.parseBoolean(map("require-signed-urls")),
                Integer.parseInt(map("max-duration-seconds")),
                Duration.parse(map("upload-expiry")),
                optionalMap("allowed-origins").map(s -> Arrays.stream(s.split(",")).map(String::trim)
                        .filter(o -> !o.isEmpty()).toList()).orElse(List.of()),
                uploadProtocol(map("upload-protocol")),
                URI.create(map("public-url")),
                Long.parseLong(map("max-size")),
                Duration.parse(map("webhook-tolerance")),
                Duration.parse(map("timeout")),
                map("playback-url"),
                map("thumbnail-url"),
                optionalMap("access-rules"),
                new VideoObjectMap(map("uid"), map("webhook-status"), map("ready-value"), map("error-value"),
                        map("ready-flag"), map("video-id"), map("modified"), map("error-code"), map("error-text"),
                        map("hls"), map("thumbnail"), map("duration"), map("width"), map("height")));
    }

    /** {@code tus} or {@code post}; anything else is a configuration error named by its key. */
    private static UploadProtocol uploadProtocol(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tus" -> UploadProtocol.TUS;
            case "post" -> UploadProtocol.POST;
            default -> throw new IllegalArgumentException(CloudflareSettings.PREFIX + "upload-protocol must be tus or post");
        };
    }

    private String map(String key) {
        return config.getValue(CloudflareSettings.PREFIX + key, String.class).trim();
    }

    private Optional<String> optionalMap(String key) {
        return config.getOptionalValue(CloudflareSettings.PREFIX + key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private Optional<String> secret(String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }
}
