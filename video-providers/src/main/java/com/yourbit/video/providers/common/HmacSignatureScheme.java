package com.yourbit.video.providers.common;

import com.yourbit.video.api.WebhookRejectedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook signatures as Mux ({@code Mux-Signature: t=<unix>,v1=<hex>}) and Cloudflare
 * Stream ({@code Webhook-Signature: time=<unix>,sig1=<hex>}) make them: HMAC-SHA256 with the
 * endpoint secret over {@code timestamp + "." + raw body}. Several signature values are
 * accepted (secret rotation); comparison is constant-time; the timestamp must be within
 * the tolerance either way.
 *
 * @param timestampKey {@code t} or {@code time}
 * @param signatureKey {@code v1} or {@code sig1}
 */
public record HmacSignatureScheme(String timestampKey, String signatureKey) {

    public static final HmacSignatureScheme MUX = new HmacSignatureScheme("t", "v1");
    public static final HmacSignatureScheme CLOUDFLARE = new HmacSignatureScheme("time", "sig1");

    /** @throws WebhookRejectedException with reason SIGNATURE when anything is off */
    public void verify(String header, byte[] body, String secret, Duration tolerance, Instant now) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("webhook secret is not configured");
        }
        if (header == null || header.isBlank()) {
            throw rejected("signature header is missing");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals(timestampKey)) {
                timestamp = value;
            } else if (key.equals(signatureKey)) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw rejected("signature header has no timestamp or no signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw rejected("signature timestamp is not a number");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw rejected("signature timestamp is outside the tolerance");
        }
        byte[] expected = hmac(secret, timestamp, body);
        for (String candidate : signatures) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(candidate.toLowerCase());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw rejected("signature does not match");
    }

    /** The header value a provider would send; used by simulators and tests. */
    public String sign(byte[] body, String secret, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return timestampKey + "=" + timestamp + "," + signatureKey + "=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /**
     * A Mac keyed with each secret in use (one per provider, two during a rotation), cloned per
     * use: getInstance and init cost more than the hash of an event. A few entries at most;
     * cleared when secrets have come and gone.
     */
    private static final Map<String, Mac> KEYED = new ConcurrentHashMap<>();
    private static final int KEYED_MAX = 8;

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = keyed(secret);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static Mac keyed(String secret) throws GeneralSecurityException {
        Mac kept = KEYED.get(secret);
        if (kept == null) {
            kept = Mac.getInstance("HmacSHA256");
            kept.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (KEYED.size() >= KEYED_MAX) {
                KEYED.clear();
            }
            KEYED.put(secret, kept);
        }
        try {
            return (Mac) kept.clone();
        } catch (CloneNotSupportedException e) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        }
    }

    private static WebhookRejectedException rejected(String why) {
        return new WebhookRejectedException(WebhookRejectedException.Reason.SIGNATURE, why);
    }
}
