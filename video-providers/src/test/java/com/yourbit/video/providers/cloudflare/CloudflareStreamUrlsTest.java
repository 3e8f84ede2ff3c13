package com.yourbit.video.providers.cloudflare;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.providers.common.RsaSigningKey;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URLs the provider builds for renditions: downloads, animated GIFs, the storyboard's thumbnails. */
class CloudflareStreamUrlsTest {

    private static final String UID = "ea95132c15732412d22c1476fa83f27a";
    private static final String KEY_ID = "8f926b2b8e0c4b8f9d4a1c2e3f405162";
    private static final VideoRef VIDEO = new VideoRef(VideoId.of("3f1c2b9e-1d2a-4c7b-9e8f-0a1b2c3d4e5f"), UploadId.of(UID),
            AssetId.of(UID), PlaybackId.of(UID));
    private static final Pattern URL = Pattern.compile("https://customer-testcode\\.cloudflarestream\\.com/([^/?]+)(/[^?]*)(?:\\?(.*))?");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00.600Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    private CloudflareStreamProvider provider(boolean signed, String accessRules) {
        CloudflareSettings settings = new CloudflareSettings(URI.create("http://localhost/client/v4"), Optional.of("acct"),
                Optional.of("api-token"), Optional.of("webhook-secret"), Optional.of("testcode"), Optional.of(KEY_ID),
                Optional.of(pem()), signed, 3600, Duration.ofMinutes(30), List.of(), UploadProtocol.TUS,
                URI.create("http://localhost:8080"), 1L << 30, Duration.ofMinutes(5), Duration.ofSeconds(10),
                "https://customer-{customer_code}.cloudflarestream.com/{token}/manifest/video.m3u8",
                "https://customer-{customer_code}.cloudflarestream.com/{token}/thumbnails/thumbnail.jpg",
                "https://customer-{customer_code}.cloudflarestream.com/{token}/downloads/default.mp4",
                "https://customer-{customer_code}.cloudflarestream.com/{token}/thumbnails/thumbnail.gif", Duration.ofSeconds(5),
                Optional.ofNullable(accessRules), VideoObjectReaderTest.DEFAULTS);
        CloudflareStreamProvider provider = new CloudflareStreamProvider();
        provider.settingsReader = new CloudflareSettingsReader() {
            @Override
            public CloudflareSettings current() {
                return settings;
            }
        };
        provider.clock = clock;
        return provider;
    }

    private static String pem() {
        try (InputStream in = CloudflareStreamUrlsTest.class.getResourceAsStream("/cloudflare/test-only-stream-signing-key.pem")) {
            return Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet verified(String token) throws Exception {
        RSAKey key = RsaSigningKey.parse(pem(), KEY_ID);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).as("signature").isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY_ID);
        return jwt.getJWTClaimsSet();
    }

    private static Matcher parts(SignedUrl url) {
        Matcher m = URL.matcher(url.url().toString());
        assertThat(m.matches()).as(url.url().toString()).isTrue();
        return m;
    }

    @Test
    void theMp4UrlCarriesATokenThatSaysDownloadable() throws Exception {
        SignedUrl url = provider(true, null).downloadUrl(VIDEO, Duration.ofMinutes(10));
        Matcher m = parts(url);
        assertThat(m.group(2)).isEqualTo("/downloads/default.mp4");
        JWTClaimsSet claims = verified(m.group(1));
        assertThat(claims.getSubject()).isEqualTo(UID);
        assertThat(claims.getBooleanClaim("downloadable")).isTrue();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(url.expiresAt()).isEqualTo(Instant.parse("2026-11-30T10:10:00Z"));

        SignedUrl playback = provider(true, null).playbackUrl(VIDEO, Duration.ofMinutes(10));
        assertThat(verified(parts(playback).group(1)).getClaim("downloadable")).as("playback tokens open no MP4").isNull();
    }

    @Test
    void withoutSignedUrlsTheUidStandsInTheUrlsAndTheyDoNotExpire() {
        CloudflareStreamProvider provider = provider(false, null);
        SignedUrl download = provider.downloadUrl(VIDEO, Duration.ofMinutes(10));
        assertThat(download.url()).hasToString("https://customer-testcode.cloudflarestream.com/" + UID + "/downloads/default.mp4");
        assertThat(download.expiresAt()).isNull();
        SignedUrl gif = provider.animatedUrl(VIDEO, AnimatedSpec.of(null, null, null, null, null, null), Duration.ofMinutes(10));
        assertThat(gif.url()).hasToString("https://customer-testcode.cloudflarestream.com/" + UID
                + "/thumbnails/thumbnail.gif?time=0s&duration=5s&width=320&fps=15&fit=clip");
    }

    @Test
    void theAnimatedGifNamesTimeDurationSizeAndFrameRateAsCloudflareReadsThem() throws Exception {
        SignedUrl url = provider(true, null).animatedUrl(VIDEO,
                AnimatedSpec.of(1.5, 4.0, 240, 180, 10, AnimatedSpec.Format.GIF), Duration.ofMinutes(10));
        Matcher m = parts(url);
        assertThat(m.group(2)).isEqualTo("/thumbnails/thumbnail.gif");
        assertThat(m.group(3)).isEqualTo("time=1.500s&duration=2.500s&height=180&width=240&fps=10&fit=clip");
        JWTClaimsSet claims = verified(m.group(1));
        assertThat(claims.getSubject()).isEqualTo(UID);
        assertThat(claims.getClaim("downloadable")).isNull();
    }

    @Test
    void webpAndFrameRatesAboveCloudflaresAreTheClientsMistake() {
        CloudflareStreamProvider provider = provider(true, null);
        assertThatThrownBy(() -> provider.animatedUrl(VIDEO, AnimatedSpec.of(0.0, 2.0, null, null, null, AnimatedSpec.Format.WEBP),
                Duration.ofMinutes(10))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GIF only");
        assertThatThrownBy(() -> provider.animatedUrl(VIDEO, AnimatedSpec.of(0.0, 2.0, null, null, 16, null),
                Duration.ofMinutes(10))).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "fps must be between 1 and 15 for Cloudflare Stream videos");
        assertThat(provider.animatedUrl(VIDEO, AnimatedSpec.of(0.0, 2.0, null, null, 15, null), Duration.ofMinutes(10)).url())
                .asString().contains("fps=15");
    }

    @Test
    void cloudflareHasNoStoryboardOfItsOwn() {
        assertThat(provider(true, null).storyboardUrl(VIDEO, Duration.ofMinutes(10))).isEmpty();
    }

    /**
     * The service composes a storyboard by asking for each tile's thumbnail with the time left
     * until one expiry; a tile asked for half a second later gets the same token (its nbf says
     * so: signed anew it would be a second later), with its own query.
     */
    @Test
    void aStoryboardsTilesShareOneTokenOfTheSameExpiry() throws Exception {
        CloudflareStreamProvider provider = provider(true, null);
        Instant expiresAt = Instant.parse("2026-11-30T10:10:00Z");
        SignedUrl first = provider.thumbnailUrl(VIDEO, new ThumbnailSpec(0.0, 256, 144), Duration.between(clock.now, expiresAt));
        clock.now = clock.now.plusMillis(500);
        SignedUrl second = provider.thumbnailUrl(VIDEO, new ThumbnailSpec(1.0, 256, 144), Duration.between(clock.now, expiresAt));

        assertThat(parts(second).group(1)).isEqualTo(parts(first).group(1));
        assertThat(parts(first).group(3)).isEqualTo("time=0s&height=144&width=256");
        assertThat(parts(second).group(3)).isEqualTo("time=1s&height=144&width=256");
        assertThat(first.expiresAt()).isEqualTo(second.expiresAt()).isEqualTo(expiresAt);
        assertThat(verified(parts(second).group(1)).getNotBeforeTime().toInstant())
                .isEqualTo(Instant.parse("2026-11-30T09:59:00Z"));

        // Another expiry is another token; the download's own token is never the thumbnails'.
        SignedUrl later = provider.thumbnailUrl(VIDEO, new ThumbnailSpec(1.0, 256, 144), Duration.between(clock.now, expiresAt.plusSeconds(1)));
        assertThat(parts(later).group(1)).isNotEqualTo(parts(first).group(1));
        assertThat(parts(provider.downloadUrl(VIDEO, Duration.between(clock.now, expiresAt))).group(1)).isNotEqualTo(parts(first).group(1));
    }

    @Test
    void settingsThatCannotMakeAUrlAreTheOperatorsMistakeNotTheClients() {
        CloudflareStreamProvider provider = provider(true, "{\"not\":\"an array\"}");
        assertThatThrownBy(() -> provider.animatedUrl(VIDEO, AnimatedSpec.of(0.0, 2.0, null, null, null, null), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("access-rules");
    }
}
