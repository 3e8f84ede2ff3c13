package com.yourbit.video.providers.mux;

import java.time.Duration;

/**
 * The part of Mux's settings a webhook needs, read at one moment by
 * {@link MuxSettingsReader#webhook()}: the secret and tolerance of its signature and what
 * reading the event takes. {@link #toString()} never prints the secret.
 *
 * @param secret {@code MUX_WEBHOOK_SECRET}; null when not set
 */
record MuxWebhookSettings(String secret, Duration tolerance, MuxEventFields fields) {

    @Override
    public String toString() {
        return "MuxWebhookSettings[secret=" + (secret != null) + ", tolerance=" + tolerance + ", fields=" + fields + "]";
    }
}
