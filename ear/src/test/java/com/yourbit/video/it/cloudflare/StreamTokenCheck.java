package com.yourbit.video.it.cloudflare;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * How Cloudflare's customer subdomain reads the id in a URL's first path segment
 * (developers.cloudflare.com/stream/viewing-videos/securing-your-stream): a video uid, which
 * opens only videos that do not require signed URLs, or a token: a JWT signed RS256 by the
 * account's signing key (header {@code kid}; claims {@code sub} = uid, {@code kid}, {@code exp},
 * optional {@code nbf}, {@code downloadable}, {@code accessRules}). MP4 downloads of a signed
 * video need {@code downloadable: true} (…/download-videos, "Secure video downloads").
 * The key is the public half of the TEST-ONLY signing key the server is given.
 */
final class StreamTokenCheck {

    /** What a request may see: the video, or why not (an HTTP status). */
    record Outcome(CloudflareSimulator.Video video, int status, String why) {

        static Outcome refused(int status, String why) {
            return new Outcome(null, status, why);
        }

        boolean allowed() {
            return video != null;
        }
    }

    /** The lookup of a video by uid (deleted ones are gone). */
    interface Videos {
        CloudflareSimulator.Video find(String uid);
    }

    private final PublicKey key;
    private final String keyId;

    StreamTokenCheck(String keyId) {
        this.keyId = keyId;
        this.key = publicKey();
    }

    /**
     * @param download whether the request is for the MP4
     * @param clientIp for {@code ip.src} access rules
     */
    Outcome check(String id, Videos videos, boolean download, String clientIp) {
        if (!id.contains(".")) {
            CloudflareSimulator.Video video = videos.find(id);
            if (video == null) {
                return Outcome.refused(404, "no such video");
            }
            return video.requireSignedUrls ? Outcome.refused(401, "this video requires a signed URL") : new Outcome(video, 200, null);
        }
        String[] parts = id.split("\\.", -1);
        if (parts.length != 3) {
            return Outcome.refused(401, "malformed token");
        }
        JsonObject header;
        JsonObject claims;
        try {
            header = json(parts[0]);
            claims = json(parts[1]);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Outcome.refused(401, "bad signature");
            }
        } catch (Exception e) {
            return Outcome.refused(401, "malformed token");
        }
        if (!"RS256".equals(header.getString("alg", null)) || !keyId.equals(header.getString("kid", null))
                || !keyId.equals(claims.getString("kid", null))) {
            return Outcome.refused(401, "unknown signing key");
        }
        long now = Instant.now().getEpochSecond();
        Optional<Long> exp = seconds(claims.get("exp"));
        if (exp.isEmpty() || exp.get() <= now) {
            return Outcome.refused(401, "token expired");
        }
        if (seconds(claims.get("nbf")).filter(nbf -> nbf > now).isPresent()) {
            return Outcome.refused(401, "token not yet valid");
        }
        CloudflareSimulator.Video video = videos.find(claims.getString("sub", ""));
        if (video == null) {
            return Outcome.refused(404, "no such video");
        }
        if (download && video.requireSignedUrls && !claims.getBoolean("downloadable", false)) {
            return Outcome.refused(401, "the token does not allow downloads");
        }
        if (blocked(claims.get("accessRules"), clientIp)) {
            return Outcome.refused(403, "blocked by the token's access rules");
        }
        return new Outcome(video, 200, null);
    }

    /**
     * Access rules, first match wins: {@code any} always matches, {@code ip.src} lists
     * addresses; {@code ip.geoip.country} never matches here (loopback has no country).
     */
    private static boolean blocked(JsonValue rules, String clientIp) {
        if (!(rules instanceof JsonArray array)) {
            return false;
        }
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject rule)) {
                continue;
            }
            boolean matches = switch (rule.getString("type", "")) {
                case "any" -> true;
                case "ip.src" -> rule.containsKey("ip") && rule.get("ip") instanceof JsonArray ips
                        && ips.stream().anyMatch(ip -> ip instanceof JsonString s && s.getString().equals(clientIp));
                default -> false;
            };
            if (matches) {
                return "block".equals(rule.getString("action", ""));
            }
        }
        return false;
    }

    /** NumericDate; Cloudflare's own /token answers carry it as a string of digits. */
    private static Optional<Long> seconds(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return Optional.of(number.longValue());
        }
        if (value instanceof JsonString text && text.getString().matches("[0-9]{1,12}")) {
            return Optional.of(Long.parseLong(text.getString()));
        }
        return Optional.empty();
    }

    private static JsonObject json(String base64url) {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static PublicKey publicKey() {
        try (InputStream in = StreamTokenCheck.class.getResourceAsStream("/cloudflare/test-only-stream-signing-key.pub.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key's public half", e);
        }
    }
}
