package com.yourbit.video.providers.mux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the RSA private key of a Mux signing key: base64 of a PEM, as Mux hands it out
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, PKCS#1), or a PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
 * The JDK reads only PKCS#8, so a PKCS#1 key is wrapped in the PKCS#8 structure first.
 * Error messages never contain key material.
 */
final class RsaPrivateKeys {

    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private RsaPrivateKeys() {
    }

    /** Base64 of a PEM (Mux's format); a plain PEM is accepted as well. */
    static RSAPrivateKey fromBase64Pem(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("-----BEGIN")) {
            return fromPem(trimmed);
        }
        try {
            return fromPem(new String(Base64.getMimeDecoder().decode(trimmed), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("MUX_PRIVATE_KEY")) {
                throw e;
            }
            throw new IllegalArgumentException("MUX_PRIVATE_KEY is not base64");
        }
    }

    static RSAPrivateKey fromPem(String pem) {
        boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("MUX_PRIVATE_KEY is not a PEM RSA private key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MUX_PRIVATE_KEY's PEM body is not base64");
        }
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs1ToPkcs8(der) : der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("MUX_PRIVATE_KEY is not a readable RSA private key");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
