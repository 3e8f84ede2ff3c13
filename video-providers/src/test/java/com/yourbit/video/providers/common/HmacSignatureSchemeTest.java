package com.yourbit.video.providers.common;

import com.yourbit.video.api.WebhookRejectedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacSignatureSchemeTest {

    private static final byte[] BODY = "{\"type\":\"video.asset.ready\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void aMuxHeaderIsTimestampAndHexHmacOfTimestampDotBody() {
        // HMAC-SHA256("secret", "1700000000.{...}") computed independently with openssl.
        String header = HmacSignatureScheme.MUX.sign(BODY, "secret", NOW);
        assertThat(header).isEqualTo("t=1700000000,v1=29626828a6264b6fd5ea4e7d64222cca169b587d23a00bca094c74069f926c63");
        assertThatCode(() -> HmacSignatureScheme.MUX.verify(header, BODY, "secret", TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void cloudflareUsesTimeAndSig1() {
        String header = HmacSignatureScheme.CLOUDFLARE.sign(BODY, "s3", NOW);
        assertThat(header).startsWith("time=1700000000,sig1=");
        assertThatCode(() -> HmacSignatureScheme.CLOUDFLARE.verify(header, BODY, "s3", TOLERANCE, NOW)).doesNotThrowAnyException();
        assertRejected(() -> HmacSignatureScheme.MUX.verify(header, BODY, "s3", TOLERANCE, NOW));
    }

    @Test
    void anyOfSeveralSignaturesMayMatchForSecretRotation() {
        String valid = HmacSignatureScheme.MUX.sign(BODY, "new", NOW);
        String header = "t=1700000000,v1=" + "ab".repeat(32) + "," + valid.substring(valid.indexOf("v1="));
        assertThatCode(() -> HmacSignatureScheme.MUX.verify(header, BODY, "new", TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void wrongSecretTamperedBodyStaleOrMissingAreRejected() {
        String header = HmacSignatureScheme.MUX.sign(BODY, "secret", NOW);
        assertRejected(() -> HmacSignatureScheme.MUX.verify(header, BODY, "other", TOLERANCE, NOW));
        assertRejected(() -> HmacSignatureScheme.MUX.verify(header, "{}".getBytes(), "secret", TOLERANCE, NOW));
        assertRejected(() -> HmacSignatureScheme.MUX.verify(header, BODY, "secret", TOLERANCE, NOW.plusSeconds(301)));
        assertRejected(() -> HmacSignatureScheme.MUX.verify(header, BODY, "secret", TOLERANCE, NOW.minusSeconds(301)));
        assertRejected(() -> HmacSignatureScheme.MUX.verify(null, BODY, "secret", TOLERANCE, NOW));
        assertRejected(() -> HmacSignatureScheme.MUX.verify("t=1700000000", BODY, "secret", TOLERANCE, NOW));
        assertRejected(() -> HmacSignatureScheme.MUX.verify("t=abc,v1=00", BODY, "secret", TOLERANCE, NOW));
        assertRejected(() -> HmacSignatureScheme.MUX.verify("t=1700000000,v1=zz", BODY, "secret", TOLERANCE, NOW));
        assertRejected(() -> HmacSignatureScheme.MUX.verify(header, BODY, "", TOLERANCE, NOW));
    }

    private static void assertRejected(Runnable verification) {
        assertThatThrownBy(verification::run).isInstanceOf(WebhookRejectedException.class)
                .extracting(e -> ((WebhookRejectedException) e).reason()).isEqualTo(WebhookRejectedException.Reason.SIGNATURE);
    }
}
