package com.yourbit.video.providers.common;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * Reads the RSA signing keys providers hand out once, as configured in a secret: the base64
 * of a PEM ({@code BEGIN RSA PRIVATE KEY} as Mux and Cloudflare give it, or PKCS#8
 * {@code BEGIN PRIVATE KEY}), or the base64 of a private JWK (Cloudflare's {@code jwk}).
 * PEM is read by the JOSE library (through Bouncy Castle). Messages never contain key
 * material, nor the parser's own messages, which may quote it.
 */
public final class RsaSigningKey {

    private RsaSigningKey() {
    }

    /**
     * @param base64 the secret's value
     * @param keyId the key id that goes into the JWT header
     * @throws IllegalArgumentException when the value is not one of the accepted forms
     */
    public static RSAKey parse(String base64, String keyId) {
        String text;
        try {
            text = new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing key is not base64");
        }
        RSAKey key = text.startsWith("{") ? fromJwk(text) : fromPem(text);
        return new RSAKey.Builder(key).keyID(keyId).build();
    }

    private static RSAKey fromJwk(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the signing key JWK cannot be read");
        }
        return privateRsa(jwk, "the signing key JWK is not a private RSA key");
    }

    /** A PEM private key (PKCS#1 or PKCS#8), as text. */
    public static RSAKey fromPem(String pem) {
        if (!pem.contains("-----BEGIN ")) {
            throw new IllegalArgumentException("the signing key is neither a PEM private key nor a JWK");
        }
        JWK jwk;
        try {
            jwk = JWK.parseFromPEMEncodedObjects(pem);
        } catch (JOSEException | RuntimeException e) {
            // Bouncy Castle reports damaged base64 or DER with runtime exceptions as well.
            throw new IllegalArgumentException("the signing key PEM is damaged");
        }
        return privateRsa(jwk, "the signing key PEM is not an RSA private key");
    }

    private static RSAKey privateRsa(JWK jwk, String refusal) {
        if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw new IllegalArgumentException(refusal);
        }
        return rsa;
    }
}
