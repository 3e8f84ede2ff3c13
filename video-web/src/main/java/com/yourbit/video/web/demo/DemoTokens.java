package com.yourbit.video.web.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Tokens for the demo page: always the one user {@link #USER} with the group {@code user} only
 * (never {@code admin}, never a name the caller picks), for {@link #LIFETIME}, signed with the
 * development key as wildfly-config/dev/DevJwt.java signs them. A token is handed out again
 * until it has less than {@link #RENEW_BELOW} left, so a flood of requests signs nothing new.
 */
@ApplicationScoped
public class DemoTokens {

    static final String USER = "demo";
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final Duration RENEW_BELOW = Duration.ofMinutes(20);

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    @Inject
    DemoSwitch demo;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "yourbit-video")
    String audiences;

    private Issued current;
    private PrivateKey key;

    public synchronized Issued token() {
        Instant now = clock.instant();
        if (current == null || current.expiresAt().isBefore(now.plus(RENEW_BELOW))) {
            if (key == null) {
                key = readKey(demo.key());
            }
            current = sign(key, audiences.split(",")[0].strip(), now);
        }
        return current;
    }

    static Issued sign(PrivateKey key, String audience, Instant now) {
        Instant expires = now.plus(LIFETIME);
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"yourbit-dev\"}";
        String claims = Json.createObjectBuilder()
                .add("iss", DemoSwitch.DEV_ISSUER)
                .add("aud", audience)
                .add("sub", USER)
                .add("upn", USER)
                .add("groups", Json.createArrayBuilder().add("user"))
                .add("iat", now.getEpochSecond())
                .add("exp", expires.getEpochSecond())
                .add("jti", UUID.randomUUID().toString())
                .build().toString();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return new Issued(input + "." + b64.encodeToString(rsa.sign()), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the development key cannot sign", e);
        }
    }

    static PrivateKey readKey(Path file) {
        try {
            String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("the development key is not readable", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the development key is not an RSA key in PKCS#8 PEM", e);
        }
    }
}
