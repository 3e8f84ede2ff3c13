package com.yourbit.video.providers.mux;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaPrivateKeysTest {

    @Test
    void readsBase64OfAPkcs1PemAsMuxHandsItOut() {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) RsaPrivateKeys.fromBase64Pem(MuxTestKeys.base64Pem());
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void readsAPkcs8PemAndAPlainPemToo() {
        RSAPrivateCrtKey pkcs1 = (RSAPrivateCrtKey) RsaPrivateKeys.fromPem(MuxTestKeys.pem());
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String encoded = Base64.getEncoder().encodeToString(pkcs8.getBytes(StandardCharsets.US_ASCII));
        assertThat(RsaPrivateKeys.fromBase64Pem(encoded)).isEqualTo(pkcs1);
        assertThat(RsaPrivateKeys.fromBase64Pem(MuxTestKeys.pem())).isEqualTo(pkcs1);
    }

    @Test
    void refusesWhatIsNotAKeyWithoutEchoingIt() {
        String garbage = Base64.getEncoder().encodeToString("-----BEGIN RSA PRIVATE KEY-----\nAAAAsecret\n".getBytes());
        assertThatThrownBy(() -> RsaPrivateKeys.fromBase64Pem(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret").hasMessageNotContaining("AAAA");
        assertThatThrownBy(() -> RsaPrivateKeys.fromBase64Pem("not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
