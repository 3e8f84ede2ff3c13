package com.yourbit.video.providers.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.AnimatedSpec;
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
 * {@code sub} = video id, {@code aud} = {@code v} (playback, MP4 download), {@code t}
 * (thumbnail), {@code g} (animated preview), {@code s} (storyboard) or {@code c} (a caption file
 * version, for a provider to fetch), and {@code exp}. What a
 * thumbnail or preview shows travels inside the claims, as with Mux's signed images: a token
 * opens that one image and no other.
 */
public final class MediaTokens {

    static final String ISSUER = "yourbit-video/local";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final ECKey key;
    private final ECDSAVerifier verifier;
    private final Clock clock;
    private final String keyVersion;

    public MediaTokens(ECKey key, Clock clock) {
        try {
            this.key = key;
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
            this.clock = clock;
            this.keyVersion = key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("media signing key is not a usable EC key", e);
        }
    }

    /** The key's JWK thumbprint (of its public part): names the key without revealing it. */
    public String keyVersion() {
        return keyVersion;
    }

    public String sign(String videoId, String purpose, ThumbnailSpec thumbnail, Instant expiresAt) {
        JWTClaimsSet.Builder claims = claims(videoId, purpose, expiresAt);
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
        return signed(claims);
    }

    /** A token of an animated preview ({@code aud} {@code g}): Mux's claims, and the format. */
    public String signAnimated(String videoId, AnimatedSpec spec, Instant expiresAt) {
        JWTClaimsSet.Builder claims = claims(videoId, MediaGrant.ANIMATED, expiresAt)
                .claim("start", spec.start())
                .claim("end", spec.end())
                .claim("fps", spec.fps())
                .claim("format", spec.format().extension());
        if (spec.width() != null) {
            claims.claim("width", spec.width());
        }
        if (spec.height() != null) {
            claims.claim("height", spec.height());
        }
        return signed(claims);
    }

    /**
     * A token of one caption file version ({@code aud} {@code c}), for a provider that fetches
     * it: the language and our ref of the version travel as claims.
     */
    public String signCaption(String videoId, String lang, String ref, Instant expiresAt) {
        return signed(claims(videoId, MediaGrant.CAPTION, expiresAt).claim("lang", lang).claim("ref", ref));
    }

    private JWTClaimsSet.Builder claims(String videoId, String purpose, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(videoId)
                .audience(purpose)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt));
    }

    private String signed(JWTClaimsSet.Builder claims) {
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
            VideoId video = VideoId.of(claims.getSubject());
            return switch (purpose) {
                case MediaGrant.PLAYBACK, MediaGrant.STORYBOARD -> new MediaGrant(video, purpose, null, null, exp.toInstant());
                case MediaGrant.THUMBNAIL -> new MediaGrant(video, purpose, thumbnailClaims(claims.getClaims()), null,
                        exp.toInstant());
                case MediaGrant.ANIMATED -> new MediaGrant(video, purpose, null, animatedClaims(claims.getClaims()),
                        exp.toInstant());
                case MediaGrant.CAPTION -> new MediaGrant(video, purpose, null, null, exp.toInstant(),
                        new MediaGrant.CaptionGrant(requiredString(claims, "lang"), requiredString(claims, "ref")));
                default -> throw new InvalidMediaTokenException("the media token is not a media token");
            };
        } catch (ParseException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidMediaTokenException("the media token is malformed");
        }
    }

    private static String requiredString(JWTClaimsSet claims, String name) throws ParseException {
        String value = claims.getStringClaim(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a caption token names its " + name);
        }
        return value;
    }

    /** Checked again by AnimatedSpec: a token signed with values outside its limits is malformed. */
    private static AnimatedSpec animatedClaims(Map<String, Object> claims) {
        Object start = claims.get("start");
        Object end = claims.get("end");
        Object fps = claims.get("fps");
        Object format = claims.get("format");
        Object width = claims.get("width");
        Object height = claims.get("height");
        if (start == null || end == null || fps == null || !(format instanceof String name)) {
            throw new IllegalArgumentException("an animated preview token names its part, rate and format");
        }
        return new AnimatedSpec(((Number) start).doubleValue(), ((Number) end).doubleValue(),
                width == null ? null : ((Number) width).intValue(), height == null ? null : ((Number) height).intValue(),
                ((Number) fps).intValue(), AnimatedSpec.Format.fromWireName(name));
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
