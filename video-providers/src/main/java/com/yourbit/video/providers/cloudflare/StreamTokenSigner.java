package com.yourbit.video.providers.cloudflare;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

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
}
