package com.yourbit.video.providers.common;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaSigningKeyTest {

    /** A TEST-ONLY key in the PKCS#1 PEM form Cloudflare's {@code pem} and Mux hand out. */
    static String pkcs1Pem() throws Exception {
        try (InputStream in = RsaSigningKeyTest.class.getResourceAsStream("/cloudflare/test-only-stream-signing-key.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBase64Pkcs1PemIsReadWithTheGivenKeyId() throws Exception {
        RSAKey key = RsaSigningKey.parse(b64(pkcs1Pem()), "kid-1");
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isEqualTo("kid-1");
        assertThat(key.size()).isEqualTo(2048);
    }

    @Test
    void pkcs8PemAndJwkGiveTheSameKey() throws Exception {
        RSAKey fromPkcs1 = RsaSigningKey.parse(b64(pkcs1Pem()), "k");
        // PKCS#8 made by the JDK from the key just read, and Cloudflare's base64 JWK form.
        byte[] pkcs8 = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(fromPkcs1.toRSAPrivateKey().getEncoded())).getEncoded();
        String pkcs8Pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
        RSAKey fromPkcs8 = RsaSigningKey.parse(b64(pkcs8Pem), "k");
        RSAKey fromJwk = RsaSigningKey.parse(b64(fromPkcs1.toJSONString()), "k");
        assertThat(fromPkcs8.getModulus()).isEqualTo(fromPkcs1.getModulus());
        assertThat(fromPkcs8.getPrivateExponent()).isEqualTo(fromPkcs1.getPrivateExponent());
        assertThat(fromJwk.getPrivateExponent()).isEqualTo(fromPkcs1.getPrivateExponent());
    }

    @Test
    void anythingElseIsRefusedWithoutEchoingIt() throws Exception {
        RSAKey key = RsaSigningKey.parse(b64(pkcs1Pem()), "k");
        assertThatThrownBy(() -> RsaSigningKey.parse("%%%not base64", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaSigningKey.parse(b64("hello"), "k")).hasMessageNotContaining("hello");
        assertThatThrownBy(() -> RsaSigningKey.parse(b64(key.toPublicJWK().toJSONString()), "k"))
                .hasMessageContaining("not a private RSA key");
        String damaged = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----";
        assertThatThrownBy(() -> RsaSigningKey.parse(b64(damaged), "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
