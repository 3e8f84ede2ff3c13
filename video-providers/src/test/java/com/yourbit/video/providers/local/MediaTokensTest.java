package com.yourbit.video.providers.local;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.hosted.InvalidMediaTokenException;
import com.yourbit.video.api.hosted.MediaGrant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaTokensTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(600);

    private static ECKey key;
    private static ECKey otherKeySameKid;
    private static ECKey otherKeyOtherKid;

    private final MediaTokens tokens = new MediaTokens(key, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void generateKeys() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        otherKeySameKid = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        otherKeyOtherKid = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
    }

    private static MediaTokens at(ECKey signingKey, Instant now) {
        return new MediaTokens(signingKey, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void playbackTokenRoundTrips() {
        MediaGrant grant = tokens.verify(tokens.sign("video-1", MediaGrant.PLAYBACK, null, EXPIRES));

        assertThat(grant).isEqualTo(new MediaGrant(VideoId.of("video-1"), MediaGrant.PLAYBACK, null, null, EXPIRES));
    }

    @Test
    void thumbnailTokenRoundTripsTimeAndSize() {
        ThumbnailSpec spec = new ThumbnailSpec(3.5, 640, 360);

        MediaGrant grant = tokens.verify(tokens.sign("video-1", MediaGrant.THUMBNAIL, spec, EXPIRES));

        assertThat(grant.videoId()).isEqualTo(VideoId.of("video-1"));
        assertThat(grant.purpose()).isEqualTo(MediaGrant.THUMBNAIL);
        assertThat(grant.thumbnail()).isEqualTo(spec);
        assertThat(grant.expiresAt()).isEqualTo(EXPIRES);
    }

    @Test
    void thumbnailTokenWithoutClaimsGrantsTheDefaults() {
        MediaGrant grant = tokens.verify(tokens.sign("video-1", MediaGrant.THUMBNAIL, null, EXPIRES));

        assertThat(grant.thumbnail()).isEqualTo(ThumbnailSpec.defaults());
    }

    @Test
    void headerAndClaimsAreTheDocumentedOnes() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.sign("video-1", MediaGrant.THUMBNAIL, new ThumbnailSpec(1.0, 100, null), EXPIRES));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("video-1");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("t");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isEqualTo(Date.from(EXPIRES));
        assertThat(jwt.getJWTClaimsSet().getClaims()).containsKeys("time", "width").doesNotContainKey("height");
    }

    @Test
    void animatedTokenRoundTripsItsSpecWithMuxsClaimsAndTheFormat() throws Exception {
        AnimatedSpec spec = new AnimatedSpec(1.5, 4.25, null, 180, 12, AnimatedSpec.Format.WEBP);

        String token = tokens.signAnimated("video-1", spec, EXPIRES);
        MediaGrant grant = tokens.verify(token);

        assertThat(grant).isEqualTo(new MediaGrant(VideoId.of("video-1"), MediaGrant.ANIMATED, null, spec, EXPIRES));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("g");
        assertThat(jwt.getJWTClaimsSet().getClaims()).containsKeys("start", "end", "fps", "height", "format")
                .doesNotContainKey("width");
    }

    @Test
    void storyboardTokenRoundTrips() {
        MediaGrant grant = tokens.verify(tokens.sign("video-1", MediaGrant.STORYBOARD, null, EXPIRES));

        assertThat(grant).isEqualTo(new MediaGrant(VideoId.of("video-1"), MediaGrant.STORYBOARD, null, null, EXPIRES));
    }

    /** Signed by us but without a preview's claims, or with values outside Mux's limits: no preview is granted. */
    @Test
    void animatedTokenWithoutItsClaimsOrOutsideTheLimitsIsRefused() throws Exception {
        String bare = tokens.sign("video-1", MediaGrant.ANIMATED, null, EXPIRES);
        String atTheLimit = animatedToken(0, 10, "gif");
        String tooLong = animatedToken(0, 10.5, "gif");
        String otherFormat = animatedToken(0, 1, "png");

        assertThatThrownBy(() -> tokens.verify(bare)).isInstanceOf(InvalidMediaTokenException.class);
        assertThat(tokens.verify(atTheLimit).animated().durationSeconds()).isEqualTo(10);
        assertThatThrownBy(() -> tokens.verify(tooLong)).isInstanceOf(InvalidMediaTokenException.class);
        assertThatThrownBy(() -> tokens.verify(otherFormat)).isInstanceOf(InvalidMediaTokenException.class);
    }

    /** Claims as a token of ours would carry them, with any values. */
    private static String animatedToken(double start, double end, String format) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(MediaTokens.ISSUER).subject("video-1")
                .audience(MediaGrant.ANIMATED).expirationTime(Date.from(EXPIRES))
                .claim("start", start).claim("end", end).claim("fps", 15).claim("format", format).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void expiredTokenIsRefused() {
        String token = tokens.sign("video-1", MediaGrant.PLAYBACK, null, EXPIRES);

        assertThat(at(key, EXPIRES).verify(token).videoId()).as("valid up to its expiry").isEqualTo(VideoId.of("video-1"));
        assertThatThrownBy(() -> at(key, EXPIRES.plusSeconds(60)).verify(token))
                .isInstanceOf(InvalidMediaTokenException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = tokens.sign("video-1", MediaGrant.PLAYBACK, null, EXPIRES).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("video-1", "video-2");
        assertThat(forged).isNotEqualTo(payload);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> tokens.verify(tampered)).isInstanceOf(InvalidMediaTokenException.class);
    }

    @Test
    void tokenSignedByAnotherKeyWithTheSameKidIsRefused() {
        String token = at(otherKeySameKid, NOW).sign("video-1", MediaGrant.PLAYBACK, null, EXPIRES);

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidMediaTokenException.class);
    }

    @Test
    void tokenSignedByAnotherKeyWithAnotherKidIsRefused() {
        String token = at(otherKeyOtherKid, NOW).sign("video-1", MediaGrant.PLAYBACK, null, EXPIRES);

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidMediaTokenException.class);
    }

    @Test
    void tokenOfAnotherPurposeIsRefused() {
        String token = tokens.sign("video-1", "x", null, EXPIRES);

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidMediaTokenException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30."})
    void missingOrMalformedTokenIsRefused(String token) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidMediaTokenException.class);
    }
}
