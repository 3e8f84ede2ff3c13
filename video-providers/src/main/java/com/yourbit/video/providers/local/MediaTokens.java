package com.yourbit.video.providers.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.hosted.InvalidMediaTokenException;
import com.yourbit.video.api.hosted.MediaGrant;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Signs and checks the short-lived tokens of local media URLs: ES256 JWTs with {@code kid},
 * {@code sub} = video id, {@code aud} = {@code v} (playback) or {@code t} (thumbnail, whose
 * time and size travel inside the claims, as with Mux's signed images) and {@code exp}.
 */
public final class MediaTokens {

    static final String ISSUER = "yourbit-video/local";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final ECKey key;
    private final ECDSAVerifier verifier;
    private final Clock clock;

    public MediaTokens(ECKey key, Clock clock) {
        try {
            this.key = key;
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
            this.clock = clock;
        } catch (JOSEException e) {
            throw new IllegalArgumentException("media signing key is not a usable EC key", e);
        }
    }

    public String sign(String videoId, String purpose, ThumbnailSpec thumbnail, Instant expiresAt) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(videoId)
                .audience(purpose)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        if (thumbnail != null) {
            if (thumbnail.timeSeconds() != null) {
                claims.claim("time", thumbnail.timeSeconds());
            }
            if (thumbnail.width() != null) {
                claims.claim("width", thumbnail.width());
            }
            if (thumbnail.height() != null) {
                claims.claim("height", thumbnail.height());
            }
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a media token", e);
        }
        return jwt.serialize();
    }

    public MediaGrant verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidMediaTokenException("a media token is required");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(verifier)) {
                throw new InvalidMediaTokenException("the media token's signature is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.toInstant().plus(CLOCK_SKEW).isBefore(clock.instant())) {
                throw new InvalidMediaTokenException("the media token has expired");
            }
            List<String> audience = claims.getAudience();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || audience.size() != 1) {
                throw new InvalidMediaTokenException("the media token is not a media token");
            }
            String purpose = audience.get(0);
            ThumbnailSpec spec = MediaGrant.THUMBNAIL.equals(purpose) ? thumbnailClaims(claims.getClaims()) : null;
            if (!MediaGrant.PLAYBACK.equals(purpose) && spec == null) {
                throw new InvalidMediaTokenException("the media token is not a media token");
            }
            return new MediaGrant(VideoId.of(claims.getSubject()), purpose, spec, null, exp.toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidMediaTokenException("the media token is malformed");
        }
    }

    private static ThumbnailSpec thumbnailClaims(Map<String, Object> claims) {
        Object time = claims.get("time");
        Object width = claims.get("width");
        Object height = claims.get("height");
        return new ThumbnailSpec(
                time == null ? null : ((Number) time).doubleValue(),
                width == null ? null : ((Number) width).intValue(),
                height == null ? null : ((Number) height).intValue());
    }
}
