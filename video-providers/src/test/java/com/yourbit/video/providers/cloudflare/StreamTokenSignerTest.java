package com.yourbit.video.providers.cloudflare;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.yourbit.video.providers.common.RsaSigningKey;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamTokenSignerTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private static RSAKey key() throws Exception {
        try (InputStream in = StreamTokenSignerTest.class.getResourceAsStream("/cloudflare/test-only-stream-signing-key.pem")) {
            return RsaSigningKey.parse(Base64.getEncoder().encodeToString(in.readAllBytes()), "key-id-1");
        }
    }

    @Test
    void aTokenIsRs256WithKidInHeaderAndClaimsAndTheUidAsSubject() throws Exception {
        RSAKey key = key();
        String token = new StreamTokenSigner(key, List.of()).sign("ea95132c15732412d22c1476fa83f27a", NOW, NOW.plusSeconds(600));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-id-1");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("ea95132c15732412d22c1476fa83f27a");
        assertThat(claims.getStringClaim("kid")).isEqualTo("key-id-1");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(600));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(NOW.minus(StreamTokenSigner.CLOCK_SKEW));
        assertThat(claims.getClaim("accessRules")).isNull();
        assertThat(claims.getClaim("downloadable")).isNull();
    }

    /** developers.cloudflare.com/stream/viewing-videos/download-videos: without the flag a signed video's MP4 is refused. */
    @Test
    void aDownloadTokenSaysDownloadable() throws Exception {
        String token = new StreamTokenSigner(key(), List.of()).sign("abc", NOW, NOW.plusSeconds(60), true);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getBooleanClaim("downloadable")).isTrue();
    }

    @Test
    void configuredAccessRulesTravelAsAnArrayOfObjects() throws Exception {
        List<Object> rules = StreamAccessRules.parse(
                "[{\"type\":\"ip.geoip.country\",\"action\":\"allow\",\"country\":[\"US\",\"MX\"]},{\"type\":\"any\",\"action\":\"block\"}]");
        String token = new StreamTokenSigner(key(), rules).sign("abc", NOW, NOW.plusSeconds(60));
        List<Object> claim = SignedJWT.parse(token).getJWTClaimsSet().getListClaim("accessRules");
        assertThat(claim).hasSize(2);
        assertThat(((Map<?, ?>) claim.get(0)).get("country")).isEqualTo(List.of("US", "MX"));
        assertThat(((Map<?, ?>) claim.get(1)).get("action")).isEqualTo("block");
        assertThatThrownBy(() -> StreamAccessRules.parse("{\"not\":\"an array\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StreamAccessRules.parse("")).isEmpty();
    }
}
