package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** What the integration tests share: the deployment, an HTTP client, development JWTs. */
final class Server {

    static final URI BASE = URI.create(System.getProperty("it.base-url", "http://localhost:8080"));
    static final URI MANAGEMENT = URI.create("http://localhost:" + System.getProperty("it.management.port", "9990"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Server() {
    }

    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    static URI url(String path) {
        return BASE.resolve(path);
    }

    /** The audience the server requires (mp.jwt.verify.audiences). */
    static final String AUDIENCE = "yourbit-video";

    /** A token like the web tier's, signed with the development key the server trusts. */
    static String jwt(String user, String... groups) {
        long now = Instant.now().getEpochSecond();
        String groupList = String.join(",", java.util.Arrays.stream(groups).map(g -> "\"" + g + "\"").toList());
        return signedJwt("{\"iss\":\"https://dev.yourbit.local\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + user
                + "\",\"upn\":\"" + user + "\",\"groups\":[" + groupList + "],\"iat\":" + now + ",\"exp\":" + (now + 600)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    /** Any claims, signed with the development key (for tokens the server must refuse). */
    static String signedJwt(String claims) {
        try {
            String pem = Files.readString(Path.of(System.getProperty("dev.jwt.key")))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"yourbit-dev\"}";
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a development JWT", e);
        }
    }

    static String userToken(String user) {
        return jwt(user, "user");
    }

    static HttpRequest.Builder api(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String path, String token) {
        return send(api(path, token).GET().build());
    }

    static HttpResponse<String> postJson(String path, String token, String json) {
        return send(api(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** Creates a local video and returns its JSON. */
    static JsonObject createVideo(String token, String title) {
        HttpResponse<String> response = postJson("/api/videos", token, "{\"title\":\"" + title + "\",\"provider\":\"local\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("create failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    static byte[] sample() {
        try (var in = Server.class.getResourceAsStream("/media/sample.mp4")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #assertProblem(HttpResponse, int)} with the catalogue's code (ErrorCode) too. */
    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertProblem(response, status);
        String actual = json(response).getString("code", "");
        if (!actual.equals(code)) {
            throw new AssertionError("expected code " + code + " but got " + actual + ": " + response.body());
        }
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            throw new AssertionError("expected problem+json but got " + type + ": " + response.body());
        }
        JsonObject problem = json(response);
        if (problem.getInt("status") != status || problem.getString("title", "").isBlank()) {
            throw new AssertionError("not a problem document: " + response.body());
        }
        if (response.body().contains("Exception") || response.body().contains("\tat ")) {
            throw new AssertionError("a stack trace or exception leaked: " + response.body());
        }
    }

    /**
     * Waits until the video leaves {@code preparing} (the local provider processes uploads
     * in the background) and returns it; fails when it takes longer than two minutes.
     */
    static JsonObject awaitProcessed(String videoId, String token) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (true) {
            JsonObject video = json(get("/api/videos/" + videoId, token));
            if (!"preparing".equals(video.getString("status")) || System.nanoTime() > deadline) {
                return video;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The progressive file beside a local video's HLS playback URL. */
    static String originalOf(String playbackUrl) {
        return playbackUrl.replace("/stream.m3u8?", "/original?");
    }

    /** The signed URL of a ready local video's uploaded file. */
    static String originalUrl(String videoId, String token) {
        return originalOf(json(get("/api/videos/" + videoId + "/playback", token)).getString("url"));
    }

    /** A ready local video's uploaded file, as its signed URL serves it. */
    static HttpResponse<byte[]> original(String videoId, String token) {
        return sendForBytes(HttpRequest.newBuilder(URI.create(originalUrl(videoId, token))).build());
    }
}
