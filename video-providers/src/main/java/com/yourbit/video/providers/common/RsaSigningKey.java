package com.yourbit.video.providers.common;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Base64;

/**
 * Reads the RSA signing keys providers hand out once, as configured in a secret: the base64
 * of a PEM ({@code BEGIN RSA PRIVATE KEY} as Mux and Cloudflare give it, or PKCS#8
 * {@code BEGIN PRIVATE KEY}), or the base64 of a private JWK (Cloudflare's {@code jwk}).
 * Messages never contain key material.
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
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
                throw new IllegalArgumentException("the signing key JWK is not a private RSA key");
            }
            return rsa;
        } catch (ParseException e) {
            throw new IllegalArgumentException("the signing key JWK cannot be read");
        }
    }

    /** A PEM private key (PKCS#1 or PKCS#8), as text. */
    public static RSAKey fromPem(String pem) {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("the signing key is neither a PEM private key nor a JWK");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing key PEM is damaged");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(pkcs1 ? pkcs1ToPkcs8(der) : der));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the signing key PEM is not an RSA private key");
        }
    }

    /**
     * Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 envelope the JDK reads (RFC 5208). The JOSE
     * library reads PEM only through Bouncy Castle, which would have to be bundled (WildFly's
     * modules of it are private): measured, that made the EAR 4.3 → 12.2 MB and each deployment
     * twice as slow (1.8 → 3.5 s), for the few bytes of DER header built here.
     */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = concat(new byte[]{0x04}, derLength(pkcs1.length), pkcs1);
        byte[] content = concat(version, algorithm, octets);
        return concat(new byte[]{0x30}, derLength(content.length), content);
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[]{(byte) length};
        }
        byte[] bytes = BigInteger.valueOf(length).toByteArray();
        int start = bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[bytes.length - start + 1];
        out[0] = (byte) (0x80 | (bytes.length - start));
        System.arraycopy(bytes, start, out, 1, bytes.length - start);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
