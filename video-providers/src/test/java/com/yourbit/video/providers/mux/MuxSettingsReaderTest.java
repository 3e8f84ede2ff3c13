package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.WebhookDelivery;
import com.yourbit.video.api.WebhookRejectedException;
import com.yourbit.video.providers.common.HmacSignatureScheme;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A webhook's settings are read from the configuration on every delivery, as all of Mux's
 * settings are, but only the keys a webhook needs.
 */
class MuxSettingsReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-30T16:00:00Z");

    private final Map<String, String> values = defaults();
    private final MuxSettingsReader reader = new MuxSettingsReader();
    private final MuxVideoProvider provider = new MuxVideoProvider();

    MuxSettingsReaderTest() {
        values.put(MuxSettingsReader.WEBHOOK_SECRET, "first-secret");
        reader.config = new MapConfig(values);
        provider.settingsReader = reader;
        provider.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    void theWebhooksPartAgreesWithTheFullSettings() {
        MuxWebhookSettings webhook = reader.webhook();
        MuxSettings all = reader.current();

        assertThat(webhook.secret()).isEqualTo(all.secrets().webhookSecret().orElseThrow());
        assertThat(webhook.tolerance()).isEqualTo(all.webhookTolerance());
        assertThat(webhook.fields()).isEqualTo(all.eventFields());
        assertThat(webhook.toString()).doesNotContain("first-secret");
    }

    @Test
    void aChangedSecretToleranceOrActionMapAppliesToTheNextDelivery() {
        byte[] body = uploadEvent();
        assertThat(provider.receive(delivery(body, "first-secret", NOW)).get(0).state()).isEqualTo(ProviderState.PROCESSING);

        // An admin rotates the secret, narrows the tolerance and points at another field, at run time.
        values.put(MuxSettingsReader.WEBHOOK_SECRET, "second-secret");
        values.put(MuxSettings.PREFIX + "webhook-tolerance", "PT10S");
        values.put(MuxSettings.PREFIX + "upload-id", "/data/other_upload_id");

        assertThatThrownBy(() -> provider.receive(delivery(body, "first-secret", NOW)))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> provider.receive(delivery(body, "second-secret", NOW.minusSeconds(60))))
                .isInstanceOf(WebhookRejectedException.class);
        assertThat(provider.receive(delivery(body, "second-secret", NOW)).get(0).state()).isEqualTo(ProviderState.PROCESSING);
        assertThat(reader.webhook().fields().uploadIdPointer()).isEqualTo("/data/other_upload_id");

        values.remove(MuxSettingsReader.WEBHOOK_SECRET);
        assertThatThrownBy(() -> provider.receive(delivery(body, "second-secret", NOW)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("not configured");
    }

    @Test
    void aWebhookReadsOnlyTheKeysItNeeds() {
        values.remove(MuxSettings.PREFIX + "api-url");
        values.remove(MuxSettings.PREFIX + "download-url");
        values.remove(MuxSettings.PREFIX + "read-timeout");

        assertThatThrownBy(reader::current).isInstanceOf(NoSuchElementException.class);
        assertThat(provider.receive(delivery(uploadEvent(), "first-secret", NOW)).get(0).uploadId())
                .isEqualTo(UploadId.of("up1"));
    }

    @Test
    void anUnknownPlaybackPolicyIsRefusedAsByTheFullSettings() {
        values.put(MuxSettings.PREFIX + "playback-policy", "secret");

        assertThatThrownBy(reader::webhook).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("playback-policy");
        assertThatThrownBy(reader::current).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("playback-policy");
    }

    private static byte[] uploadEvent() {
        return """
                {"type": "video.upload.asset_created", "id": "evt-1", "created_at": "2026-11-30T15:59:59.5Z",
                 "object": {"type": "upload", "id": "up1"},
                 "data": {"id": "up1", "status": "asset_created", "asset_id": "as1"}}
                """.getBytes(StandardCharsets.UTF_8);
    }

    private static WebhookDelivery delivery(byte[] body, String secret, Instant signedAt) {
        return new WebhookDelivery(Map.of("Mux-Signature", HmacSignatureScheme.MUX.sign(body, secret, signedAt)), body, NOW);
    }

    /** The module's own defaults, as the server reads them. */
    private static Map<String, String> defaults() {
        Properties properties = new Properties();
        try (InputStream in = MuxSettingsReaderTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
