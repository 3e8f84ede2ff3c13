package com.yourbit.video.it.mux;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How Mux checks the {@code token} of a signed playback id's URL
 * (mux.com/docs/guides/secure-video-playback): a JWT signed RS256 with one of the environment's
 * signing keys, named by the header's {@code kid}; {@code sub} the playback id of the URL;
 * {@code aud} what the URL opens ({@code v} stream.mux.com, {@code t} thumbnails, {@code g}
 * animated images, {@code s} storyboards); {@code exp} in the future. Anything else is refused
 * (the CDN answers 403).
 */
final class PlaybackTokenCheck {

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    /** A signing key of the environment: its id and the public half Mux keeps. */
    void trust(String keyId, String publicKeyPem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(publicKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            keys.put(keyId, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    /** The token's claims when it opens {@code playbackId} for {@code audience} now; empty otherwise. */
    Optional<JsonObject> claims(String token, String playbackId, String audience, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonObject header = decode(parts[0]);
            JsonObject claims = decode(parts[1]);
            PublicKey key = keys.get(header.getString("kid", ""));
            if (key == null || !"RS256".equals(header.getString("alg", ""))) {
                return Optional.empty();
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            boolean valid = playbackId.equals(claims.getString("sub", null))
                    && audience(claims.get("aud"), audience)
                    && claims.get("exp") instanceof JsonNumber exp && exp.longValue() > now.getEpochSecond();
            return valid ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | JsonException | ClassCastException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** {@code aud} as a string, or an array holding it (RFC 7519 allows both). */
    private static boolean audience(JsonValue aud, String expected) {
        if (aud instanceof JsonString s) {
            return s.getString().equals(expected);
        }
        return aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY
                && aud.asJsonArray().size() == 1 && aud.asJsonArray().get(0) instanceof JsonString s && s.getString().equals(expected);
    }

    private static JsonObject decode(String part) {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
