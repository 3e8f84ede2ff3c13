package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.providers.common.ProviderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@link CloudflareSettings} from MicroProfile Config on every use (why:
 * {@link ProviderConfig}). Secrets keep the seed's names.
 */
@ApplicationScoped
public class CloudflareSettingsReader {

    static final String API_TOKEN = "CLOUDFLARE_STREAM_API_KEY";
    static final String ACCOUNT_ID = "CLOUDFLARE_ACCOUNT_ID";
    static final String WEBHOOK_SECRET = "CLOUDFLARE_WEBHOOK_SECRET";
    static final String CUSTOMER_CODE = "CLOUDFLARE_CUSTOMER_CODE";
    static final String SIGNING_KEY_ID = "VIDEO_CDN_TOKEN";
    static final String SIGNING_KEY = "VIDEO_CDN_SECRET";

    @Inject
    Config config;

    /** What signed URLs depend on besides the video: the policy, the customer code and the signing key. */
    public String signingKeyVersion() {
        ProviderConfig map = new ProviderConfig(config, CloudflareSettings.PREFIX);
        return ProviderConfig.fingerprint(map.value("require-signed-urls"), map.secret(CUSTOMER_CODE).orElse(null),
                map.secret(SIGNING_KEY_ID).orElse(null), map.secret(SIGNING_KEY).orElse(null));
    }

    public CloudflareSettings current() {
        ProviderConfig map = new ProviderConfig(config, CloudflareSettings.PREFIX);
        String apiUrl = map.value("api-url");
        return new CloudflareSettings(
                URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl),
                map.secret(ACCOUNT_ID), map.secret(API_TOKEN), map.secret(WEBHOOK_SECRET), map.secret(CUSTOMER_CODE),
                map.secret(SIGNING_KEY_ID), map.secret(SIGNING_KEY),
                Boolean.parseBoolean(map.value("require-signed-urls")),
                Integer.parseInt(map.value("max-duration-seconds")),
                Duration.parse(map.value("upload-expiry")),
                map.optional("allowed-origins").map(s -> Arrays.stream(s.split(",")).map(String::trim)
                        .filter(o -> !o.isEmpty()).toList()).orElse(List.of()),
                uploadProtocol(map.value("upload-protocol")),
                URI.create(map.value("public-url")),
                Long.parseLong(map.value("max-size")),
                Duration.parse(map.value("webhook-tolerance")),
                Duration.parse(map.value("timeout")),
                map.value("playback-url"),
                map.value("thumbnail-url"),
                map.value("download-url"),
                map.value("animated-url"),
                Duration.parse(map.value("download-poll-interval")),
                map.optional("access-rules"),
                new VideoObjectMap(map.value("uid"), map.value("webhook-status"), map.value("ready-value"),
                        map.value("error-value"), map.value("ready-flag"), map.value("video-id"), map.value("modified"),
                        map.value("error-code"), map.value("error-text"), map.value("hls"), map.value("thumbnail"),
                        map.value("duration"), map.value("width"), map.value("height"), map.value("signed-flag")));
    }

    /** {@code tus} or {@code post}; anything else is a configuration error named by its key. */
    private static UploadProtocol uploadProtocol(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tus" -> UploadProtocol.TUS;
            case "post" -> UploadProtocol.POST;
            default -> throw new IllegalArgumentException(CloudflareSettings.PREFIX + "upload-protocol must be tus or post");
        };
    }
}
