package com.yourbit.video.domain.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks signatures (standardwebhooks.com): {@code v1,} and the base64 of
 * HMAC-SHA256 over {@code id.timestamp.body} with the secret's key bytes.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(byte[] key, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
