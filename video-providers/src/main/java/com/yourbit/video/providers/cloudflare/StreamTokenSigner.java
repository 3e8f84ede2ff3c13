package com.yourbit.video.providers.cloudflare;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Self-signed Stream tokens (developers.cloudflare.com/stream/viewing-videos/securing-your-stream):
 * RS256 with the signing key from {@code POST /stream/keys}; the key id is the header's
 * {@code kid} and a claim; {@code sub} is the video uid; {@code exp}, {@code nbf} and optional
 * {@code accessRules}. The token takes the uid's place in playback and thumbnail URLs.
 */
final class StreamTokenSigner {

    /** {@code nbf} lies a little in the past: Cloudflare's clock may be behind ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final RSAKey key;
    private final List<Object> accessRules;

    StreamTokenSigner(RSAKey key, List<Object> accessRules) {
        this.key = key;
        this.accessRules = accessRules;
    }

    String sign(String uid, Instant now, Instant expiresAt) {
        return sign(uid, now, expiresAt, false);
    }

    /** @param downloadable whether the token also opens the video's MP4 download */
    String sign(String uid, Instant now, Instant expiresAt, boolean downloadable) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(uid)
                .claim("kid", key.getKeyID())
                .notBeforeTime(Date.from(now.minus(CLOCK_SKEW)))
                .expirationTime(Date.from(expiresAt));
        if (downloadable) {
            claims.claim("downloadable", true);
        }
        if (!accessRules.isEmpty()) {
            claims.claim("accessRules", accessRules);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the Stream signing key cannot sign", e);
        }
        return jwt.serialize();
    }

    /**
     * The configured {@code access-rules}: a JSON array such as
     * {@code [{"type":"ip.geoip.country","action":"allow","country":["US"]},{"type":"any","action":"block"}]}.
     */
    static List<Object> accessRules(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonArray rules = reader.readArray();
            // nimbus serialises plain Java maps and lists; JSON-P values are converted once here.
            return com.nimbusds.jose.util.JSONArrayUtils.parse(rules.toString()).stream().map(o -> (Object) o).toList();
        } catch (JsonException | java.text.ParseException | ClassCastException e) {
            throw new IllegalArgumentException(CloudflareSettings.PREFIX + "access-rules must be a JSON array of rules");
        }
    }
}
