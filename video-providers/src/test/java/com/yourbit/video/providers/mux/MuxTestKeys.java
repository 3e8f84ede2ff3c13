package com.yourbit.video.providers.mux;

import com.yourbit.video.providers.common.UrlTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** Test-only fixtures: a throwaway RSA key in Mux's format and default settings. */
final class MuxTestKeys {

    private MuxTestKeys() {
    }

    /** A PKCS#1 PEM generated for these tests only (openssl genrsa -traditional). */
    static String pem() {
        try (InputStream in = MuxTestKeys.class.getResourceAsStream("/mux/test-signing-key.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As Mux hands a signing key out: base64 of the PEM. */
    static String base64Pem() {
        return Base64.getEncoder().encodeToString(pem().getBytes(StandardCharsets.US_ASCII));
    }

    static RSAPublicKey publicKey() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) RsaPrivateKeys.fromPem(pem());
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    static MuxSettings settings(String policy) {
        return new MuxSettings(URI.create("https://api.mux.com/"), policy, "basic", "*", Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
                "/data/status", "ready", "/data/upload_id", "/data/playback_ids/0/id",
                new UrlTemplate("https://stream.mux.com/{playback_id}.m3u8"),
                new UrlTemplate("https://image.mux.com/{playback_id}/thumbnail.png"),
                new UrlTemplate("https://stream.mux.com/{playback_id}/highest.mp4"),
                new UrlTemplate("https://image.mux.com/{playback_id}/storyboard.vtt"),
                new UrlTemplate("https://image.mux.com/{playback_id}/animated.{format}"),
                new UrlTemplate("https://stream.mux.com/{playback_id}/text/{track_id}.vtt"),
                new MuxSecrets(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

}
