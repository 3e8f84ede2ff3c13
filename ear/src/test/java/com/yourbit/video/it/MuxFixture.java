package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** What the Mux integration tests share: the server's test secrets, the simulator, JWT checks. */
final class MuxFixture {

    static final String TOKEN_ID = server("MUX_TOKEN_ID");
    static final String TOKEN_SECRET = server("MUX_TOKEN_SECRET");
    static final String WEBHOOK_SECRET = server("MUX_WEBHOOK_SECRET");
    static final String SIGNING_KEY = server("MUX_SIGNING_KEY");

    private MuxFixture() {
    }

    /** A test-only secret the server under test got: the build hands both the same environment. */
    static String server(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in the test environment (failsafe environmentVariables in ear/pom.xml)");
        }
        return value;
    }

    /** The simulator, trusting the signing key the server signs playback tokens with (as Mux keeps its public half). */
    static MuxSimulator startSimulator() {
        MuxSimulator mux = MuxSimulator.start(Integer.parseInt(System.getProperty("it.mux.port")), TOKEN_ID, TOKEN_SECRET,
                WEBHOOK_SECRET, Server.url("/webhooks/mux"));
        mux.trustSigningKey(SIGNING_KEY, publicKeyPem());
        return mux;
    }

    /** A video created at Mux through the API; answers its JSON. */
    static JsonObject createMuxVideo(String token, String title) {
        HttpResponse<String> response = Server.postJson("/api/videos", token,
                "{\"title\":\"" + title + "\",\"provider\":\"mux\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("create failed: " + response.statusCode() + " " + response.body());
        }
        return Server.json(response);
    }

    /** What the browser does with the upload URL: one PUT of the file. */
    static void uploadFile(JsonObject video) {
        HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Server.sample())).build());
        if (put.statusCode() != 200) {
            throw new AssertionError("upload to the simulator failed: " + put.statusCode());
        }
    }

    /** The outcomes the service answered a webhook delivery with; fails unless it was 200. */
    static List<String> outcomes(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("webhook answered " + response.statusCode() + ": " + response.body());
        }
        return Server.json(response).getJsonArray("outcomes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    static String publicKeyPem() {
        try (InputStream in = MuxFixture.class.getResourceAsStream("/mux/test-signing-key.pub.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT's header and claims after checking its RS256 signature with the test key's public half. */
    static JsonObject[] verifiedJwt(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS: " + jwt);
        }
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the token's RS256 signature does not verify with the signing key's public half");
        }
        return new JsonObject[] {decode(parts[0]), decode(parts[1])};
    }

    private static JsonObject decode(String part) {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
