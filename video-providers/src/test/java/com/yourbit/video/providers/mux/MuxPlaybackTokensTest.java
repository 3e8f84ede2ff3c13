package com.yourbit.video.providers.mux;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ThumbnailSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MuxPlaybackTokensTest {

    private static final String KID = "Ku7G6UYxOeuQ02kmOg02PV5PGrRbKKJTJl";
    private static final String PLAYBACK_ID = "qxb01i6T202018GFS02vp9RIe01icTcDCjVzQpmaB00CUisJ4";

    private final MuxPlaybackTokens tokens = new MuxPlaybackTokens(KID, RsaPrivateKeys.fromBase64Pem(MuxTestKeys.base64Pem()));

    @Test
    void aVideoTokenIsRs256WithKidSubAudVAndExp() throws Exception {
        Instant exp = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        SignedJWT jwt = SignedJWT.parse(tokens.sign(PLAYBACK_ID, MuxPlaybackTokens.Audience.VIDEO, Map.of(), exp));

        assertThat(jwt.verify(new RSASSAVerifier(MuxTestKeys.publicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KID);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(PLAYBACK_ID);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("v");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(exp);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("kid")).isEqualTo(KID);
        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKeys("time", "width", "height");
    }

    @Test
    void eachKindOfUrlHasItsAudience() throws Exception {
        Instant exp = Instant.now().plusSeconds(60);
        assertThat(audience(MuxPlaybackTokens.Audience.THUMBNAIL, exp)).isEqualTo("t");
        assertThat(audience(MuxPlaybackTokens.Audience.GIF, exp)).isEqualTo("g");
        assertThat(audience(MuxPlaybackTokens.Audience.STORYBOARD, exp)).isEqualTo("s");
    }

    @Test
    void aThumbnailTokenCarriesTheImageParametersAsClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.sign(PLAYBACK_ID, MuxPlaybackTokens.Audience.THUMBNAIL,
                MuxImageParams.of(new ThumbnailSpec(14.0, 320, null)), Instant.now().plusSeconds(60)));
        assertThat(jwt.getJWTClaimsSet().getClaim("time")).isEqualTo(14L);
        assertThat(jwt.getJWTClaimsSet().getClaim("width")).isEqualTo(320L);
        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("height");

        SignedJWT fractional = SignedJWT.parse(tokens.sign(PLAYBACK_ID, MuxPlaybackTokens.Audience.THUMBNAIL,
                MuxImageParams.of(new ThumbnailSpec(2.5, null, 180)), Instant.now().plusSeconds(60)));
        assertThat(fractional.getJWTClaimsSet().getClaim("time")).isEqualTo(2.5);
        assertThat(fractional.getJWTClaimsSet().getClaim("height")).isEqualTo(180L);
    }

    @Test
    void anAnimatedTokenCarriesStartEndSizeAndFrameRateAsNumbers() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.sign(PLAYBACK_ID, MuxPlaybackTokens.Audience.GIF,
                MuxImageParams.of(new AnimatedSpec(1.5, 4, 480, null, 12, AnimatedSpec.Format.WEBP)),
                Instant.now().plusSeconds(60)));
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("g");
        assertThat(jwt.getJWTClaimsSet().getClaim("start")).isEqualTo(1.5);
        assertThat(jwt.getJWTClaimsSet().getClaim("end")).isEqualTo(4L);
        assertThat(jwt.getJWTClaimsSet().getClaim("width")).isEqualTo(480L);
        assertThat(jwt.getJWTClaimsSet().getClaim("fps")).isEqualTo(12L);
        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKeys("height", "format");
    }

    @Test
    void publicImageUrlsCarryTheParametersInTheQuery() {
        assertThat(MuxImageParams.query(MuxImageParams.of(new ThumbnailSpec(2.0, 320, 180))))
                .isEqualTo("?time=2&width=320&height=180");
        assertThat(MuxImageParams.query(MuxImageParams.of(ThumbnailSpec.defaults()))).isEmpty();
        assertThat(MuxImageParams.query(MuxImageParams.of(AnimatedSpec.of(null, null, null, 200, null, null))))
                .isEqualTo("?start=0&end=5&height=200&fps=15");
    }

    private String audience(MuxPlaybackTokens.Audience audience, Instant exp) throws Exception {
        return SignedJWT.parse(tokens.sign(PLAYBACK_ID, audience, Map.of(), exp)).getJWTClaimsSet().getAudience().get(0);
    }
}
