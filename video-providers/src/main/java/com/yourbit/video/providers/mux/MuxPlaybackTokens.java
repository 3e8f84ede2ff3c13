package com.yourbit.video.providers.mux;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.ThumbnailSpec;

import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;

/**
 * Mux signed-playback tokens (mux.com/docs/guides/secure-video-playback): RS256 JWTs signed
 * with a Mux signing key; {@code kid} = the signing key id (in the header, and as a claim as
 * Mux's own SDK puts it), {@code sub} = playback id, {@code aud} = what the token opens,
 * {@code exp}. A signed thumbnail carries its image parameters as claims, not in the query.
 */
final class MuxPlaybackTokens {

    /** The {@code aud} claim per kind of URL. */
    enum Audience {
        VIDEO("v"), THUMBNAIL("t"), GIF("g"), STORYBOARD("s");

        final String claim;

        Audience(String claim) {
            this.claim = claim;
        }
    }

    private final String keyId;
    private final RSASSASigner signer;

    MuxPlaybackTokens(String keyId, RSAPrivateKey key) {
        this.keyId = keyId;
        this.signer = new RSASSASigner(key);
    }

    String sign(String playbackId, Audience audience, ThumbnailSpec image, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(playbackId)
                .audience(audience.claim)
                .expirationTime(Date.from(expiresAt))
                .claim("kid", keyId);
        if (image != null) {
            if (image.timeSeconds() != null) {
                claims.claim("time", number(image.timeSeconds()));
            }
            if (image.width() != null) {
                claims.claim("width", image.width());
            }
            if (image.height() != null) {
                claims.claim("height", image.height());
            }
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a Mux playback token", e);
        }
        return jwt.serialize();
    }

    /** Whole seconds as an integer, as Mux's examples write them ({@code "time": 14}). */
    static Number number(double seconds) {
        return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15 ? (Number) (long) seconds : (Number) seconds;
    }
}
