package com.yourbit.video.providers.mux;

import com.yourbit.video.providers.common.ProviderConfig;
import com.yourbit.video.providers.common.UrlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads {@link MuxSettings} from MicroProfile Config on every use (why: {@link ProviderConfig});
 * a webhook reads only its own part ({@link #webhook()}), just as freshly.
 */
@ApplicationScoped
public class MuxSettingsReader {

    static final String TOKEN_ID = "MUX_TOKEN_ID";
    static final String TOKEN_SECRET = "MUX_TOKEN_SECRET";
    static final String WEBHOOK_SECRET = "MUX_WEBHOOK_SECRET";
    static final String SIGNING_KEY_ID = "MUX_SIGNING_KEY";
    static final String PRIVATE_KEY = "MUX_PRIVATE_KEY";

    @Inject
    Config config;

    public MuxSettings current() {
        ProviderConfig map = new ProviderConfig(config, MuxSettings.PREFIX);
        return new MuxSettings(
                URI.create(map.value("api-url")),
                map.value("playback-policy").toLowerCase(Locale.ROOT),
                map.value("video-quality").toLowerCase(Locale.ROOT),
                map.value("cors-origin"),
                Duration.parse(map.value("upload-timeout")),
                Duration.parse(map.value("connect-timeout")),
                Duration.parse(map.value("read-timeout")),
                Duration.parse(map.value("webhook-tolerance")),
                map.value("webhook-status"),
                map.value("ready-value"),
                map.value("upload-id"),
                map.value("playback-id"),
                new UrlTemplate(map.value("playback-url")),
                new UrlTemplate(map.value("thumbnail-url")),
                new UrlTemplate(map.value("download-url")),
                new UrlTemplate(map.value("storyboard-url")),
                new UrlTemplate(map.value("animated-url")),
                new UrlTemplate(map.value("text-track-url")),
                new MuxSecrets(map.secret(TOKEN_ID), map.secret(TOKEN_SECRET), map.secret(SIGNING_KEY_ID),
                        map.secret(PRIVATE_KEY), map.secret(WEBHOOK_SECRET)));
    }

    /**
     * What a webhook needs, read like {@link #current()} on every call (so a changed secret,
     * tolerance or action map applies to the next delivery), but only these nine keys: the
     * full settings also parse every URL template, timeout and the API URL, which cost more
     * than checking the signature.
     */
    MuxWebhookSettings webhook() {
        ProviderConfig map = new ProviderConfig(config, MuxSettings.PREFIX);
        return new MuxWebhookSettings(map.secret(WEBHOOK_SECRET).orElse(null),
                Duration.parse(map.value("webhook-tolerance")), eventFields(map));
    }

    private static MuxEventFields eventFields(ProviderConfig map) {
        return new MuxEventFields(map.value("webhook-status"), map.value("ready-value"), map.value("upload-id"),
                map.value("playback-id"), map.value("playback-policy").toLowerCase(Locale.ROOT), map.value("playback-url"),
                map.value("thumbnail-url"));
    }

    /** What signed URLs depend on besides the video: the policy and the signing key (three look-ups, not all settings). */
    public String signingKeyVersion() {
        ProviderConfig map = new ProviderConfig(config, MuxSettings.PREFIX);
        return ProviderConfig.fingerprint(map.value("playback-policy"), map.secret(SIGNING_KEY_ID).orElse(null),
                map.secret(PRIVATE_KEY).orElse(null));
    }
}
