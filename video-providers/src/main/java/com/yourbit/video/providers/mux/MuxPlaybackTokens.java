package com.yourbit.video.providers.mux;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Mux signed-playback tokens (mux.com/docs/guides/secure-video-playback): RS256 JWTs signed
 * with a Mux signing key; {@code kid} = the signing key id (in the header, and as a claim as
 * Mux's own SDK puts it), {@code sub} = playback id, {@code aud} = what the token opens,
 * {@code exp}. A signed image (thumbnail, animated preview) carries its parameters as claims,
 * not in the query ({@link MuxImageParams}).
 */
final class MuxPlaybackTokens {

    /**
     * The {@code aud} claim per kind of URL: {@code v} for stream.mux.com (HLS and the MP4
     * static renditions alike), {@code t} thumbnails, {@code g} animated GIF/WebP, {@code s}
     * storyboards.
     */
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

    /** @param params image parameters, as claims; empty for none */
    String sign(String playbackId, Audience audience, Map<String, Number> params, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(playbackId)
                .audience(audience.claim)
                .expirationTime(Date.from(expiresAt))
                .claim("kid", keyId);
        params.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a Mux playback token", e);
        }
        return jwt.serialize();
    }
}
