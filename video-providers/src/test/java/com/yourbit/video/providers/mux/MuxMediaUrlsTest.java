package com.yourbit.video.providers.mux;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoRef;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The URLs the provider hands out, signed (Mux's default) and public. */
class MuxMediaUrlsTest {

    private static final String KID = "Ku7G6UYxOeuQ02kmOg02PV5PGrRbKKJTJl";
    private static final String PLAYBACK_ID = "qxb01i6T202018GFS02vp9RIe01icTcDCjVzQpmaB00CUisJ4";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final VideoRef VIDEO = new VideoRef(VideoId.of("0b6f6b4e-3f3a-4c3e-9a51-2d1f1a7c9e10"),
            UploadId.of("up1"), AssetId.of("as1"), PlaybackId.of(PLAYBACK_ID));

    @Test
    void theMp4IsOnStreamMuxComSignedLikePlayback() throws Exception {
        SignedUrl url = provider("signed").downloadUrl(VIDEO, Duration.ofMinutes(10));
        assertThat(url.url().toString()).startsWith("https://stream.mux.com/" + PLAYBACK_ID + "/highest.mp4?token=");
        assertThat(url.expiresAt()).isEqualTo(NOW.plusSeconds(600));
        JWTClaimsSet claims = verified(url);
        assertThat(claims.getAudience()).containsExactly("v");
        assertThat(claims.getSubject()).isEqualTo(PLAYBACK_ID);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(600));
        assertThat(claims.getClaims()).containsOnlyKeys("sub", "aud", "exp", "kid");
    }

    @Test
    void theStoryboardIsMuxsOwnWithAudienceS() throws Exception {
        Optional<SignedUrl> url = provider("signed").storyboardUrl(VIDEO, Duration.ofMinutes(1));
        assertThat(url).isPresent();
        assertThat(url.get().url().toString()).startsWith("https://image.mux.com/" + PLAYBACK_ID + "/storyboard.vtt?token=");
        assertThat(verified(url.get()).getAudience()).containsExactly("s");
    }

    @Test
    void anAnimatedPreviewCarriesItsParametersInTheTokenOnly() throws Exception {
        SignedUrl url = provider("signed").animatedUrl(VIDEO,
                new AnimatedSpec(2, 6.5, null, 360, 24, AnimatedSpec.Format.WEBP), Duration.ofMinutes(1));
        String text = url.url().toString();
        assertThat(text).startsWith("https://image.mux.com/" + PLAYBACK_ID + "/animated.webp?token=");
        assertThat(text.substring(text.indexOf('?'))).doesNotContain("start").doesNotContain("fps").doesNotContain("&");
        JWTClaimsSet claims = verified(url);
        assertThat(claims.getAudience()).containsExactly("g");
        assertThat(claims.getClaim("start")).isEqualTo(2L);
        assertThat(claims.getClaim("end")).isEqualTo(6.5);
        assertThat(claims.getClaim("height")).isEqualTo(360L);
        assertThat(claims.getClaim("fps")).isEqualTo(24L);
        assertThat(claims.getClaims()).doesNotContainKey("width");
    }

    @Test
    void publicUrlsArePlainWithTheParametersInTheQuery() {
        MuxVideoProvider open = provider("public");
        assertThat(open.downloadUrl(VIDEO, Duration.ofMinutes(1)))
                .isEqualTo(new SignedUrl(java.net.URI.create("https://stream.mux.com/" + PLAYBACK_ID + "/highest.mp4"), null));
        assertThat(open.storyboardUrl(VIDEO, Duration.ofMinutes(1)).orElseThrow().url())
                .hasToString("https://image.mux.com/" + PLAYBACK_ID + "/storyboard.vtt");
        assertThat(open.animatedUrl(VIDEO, AnimatedSpec.of(1.0, null, null, null, null, null), Duration.ofMinutes(1)).url())
                .hasToString("https://image.mux.com/" + PLAYBACK_ID + "/animated.gif?start=1&end=6&width=320&fps=15");
        assertThat(open.thumbnailUrl(VIDEO, new ThumbnailSpec(2.5, 640, null), Duration.ofMinutes(1)).url())
                .hasToString("https://image.mux.com/" + PLAYBACK_ID + "/thumbnail.png?time=2.5&width=640");
        assertThat(open.playbackUrl(VIDEO, Duration.ofMinutes(1)).url())
                .hasToString("https://stream.mux.com/" + PLAYBACK_ID + ".m3u8");
    }

    private static JWTClaimsSet verified(SignedUrl url) throws Exception {
        String text = url.url().toString();
        SignedJWT jwt = SignedJWT.parse(text.substring(text.indexOf("token=") + "token=".length()));
        assertThat(jwt.verify(new RSASSAVerifier(MuxTestKeys.publicKey()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KID);
        return jwt.getJWTClaimsSet();
    }

    private static MuxVideoProvider provider(String policy) {
        MuxSettings base = MuxTestKeys.settings(policy);
        MuxSettings settings = new MuxSettings(base.apiUrl(), base.playbackPolicy(), base.videoQuality(), base.corsOrigin(),
                base.uploadTimeout(), base.connectTimeout(), base.readTimeout(), base.webhookTolerance(), base.webhookStatus(),
                base.readyValue(), base.uploadIdPointer(), base.playbackIdPointer(), base.playbackUrl(), base.thumbnailUrl(),
                base.downloadUrl(), base.storyboardUrl(), base.animatedUrl(), base.textTrackUrl(),
                new MuxSecrets(Optional.of("id"), Optional.of("secret"), Optional.of(KID), Optional.of(MuxTestKeys.base64Pem()),
                        Optional.of("whsec")));
        MuxVideoProvider provider = new MuxVideoProvider();
        provider.settingsReader = new MuxSettingsReader() {
            @Override
            public MuxSettings current() {
                return settings;
            }
        };
        provider.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return provider;
    }
}
