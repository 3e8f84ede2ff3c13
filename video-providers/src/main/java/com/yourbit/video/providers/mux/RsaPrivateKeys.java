package com.yourbit.video.providers.mux;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.yourbit.video.providers.common.RsaSigningKey;

import java.security.interfaces.RSAPrivateKey;

/**
 * Reads the RSA private key of a Mux signing key: base64 of a PEM, as Mux hands it out
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, PKCS#1), or a PKCS#8 PEM; a plain PEM is accepted
 * too. The parsing is the providers' shared {@link RsaSigningKey}. Error messages never
 * contain key material.
 */
final class RsaPrivateKeys {

    private RsaPrivateKeys() {
    }

    /** Base64 of a PEM (Mux's format); a plain PEM is accepted as well. */
    static RSAPrivateKey fromBase64Pem(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("-----BEGIN") ? fromPem(trimmed) : privateKey(RsaSigningKey.parse(trimmed, null));
    }

    static RSAPrivateKey fromPem(String pem) {
        return privateKey(RsaSigningKey.fromPem(pem));
    }

    private static RSAPrivateKey privateKey(RSAKey key) {
        try {
            return key.toRSAPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("MUX_PRIVATE_KEY is not a readable RSA private key");
        }
    }
}
