package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.ByteArrayOutputStream;
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
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sendForBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** What the Cloudflare integration tests share: videos at Cloudflare, waiting, server settings. */
final class CloudflareFixture {

    static final String UPLOAD_PROTOCOL = "video.action-map.cloudflare.upload-protocol";
    /** The customer subdomain every Cloudflare playback, image and download URL starts with. */
    static final String CUSTOMER = "https://customer-" + CloudflareSimulator.CUSTOMER_CODE + ".cloudflarestream.com/";

    private CloudflareFixture() {
    }

    static HttpResponse<String> createResponse(String token, String title) {
        return postJson("/api/videos", token, "{\"title\":\"" + title + "\",\"provider\":\"cloudflare\"}");
    }

    static JsonObject create(String token, String title) {
        HttpResponse<String> response = createResponse(token, title);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    static JsonObject awaitStatus(String id, String token, String status) {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonObject video;
        do {
            video = json(get("/api/videos/" + id, token));
            if (video.getString("status").equals(status)) {
                return video;
            }
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("video " + id + " did not become " + status + ": " + video);
    }

    /**
     * Sets (or with {@code null} removes) a system property on the running server, as an
     * operator would; the Cloudflare settings are read on every use, so it applies at once.
     */
    static void setSystemProperty(ManagementClient management, String name, String value) throws IOException {
        ModelNode address = new ModelNode();
        address.add("system-property", name);
        ModelNode read = new ModelNode();
        read.get("address").set(address);
        read.get("operation").set("read-resource");
        boolean exists = "success".equals(management.getControllerClient().execute(read).get("outcome").asString());
        if (exists) {
            ModelNode remove = new ModelNode();
            remove.get("address").set(address);
            remove.get("operation").set("remove");
            execute(management, remove);
        }
        if (value != null) {
            ModelNode add = new ModelNode();
            add.get("address").set(address);
            add.get("operation").set("add");
            add.get("value").set(value);
            execute(management, add);
        }
    }

    private static void execute(ManagementClient management, ModelNode operation) throws IOException {
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
    }

    /** What a browser does with a basic upload URL: one multipart/form-data POST with the file in {@code file}. */
    static HttpResponse<String> postFile(String url, byte[] file) {
        String boundary = "----cf" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(file);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build());
    }

    /**
     * Fetches a URL of the customer subdomain from the simulator, as if the subdomain resolved
     * to it; the URL must be one of Cloudflare's.
     */
    static HttpResponse<byte[]> fetchFromCustomerDomain(String url) {
        assertThat(url).startsWith(CUSTOMER);
        URI simulator = URI.create("http://localhost:" + System.getProperty("it.cloudflare.port", "18082") + "/");
        return sendForBytes(HttpRequest.newBuilder(simulator.resolve(url.substring(CUSTOMER.length()))).GET().build());
    }

    /** Checks the RS256 signature with the test key's public half; answers the claims. */
    static JsonObject verifiedClaims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonObject header = parse(new String(b64.decode(parts[0]), StandardCharsets.UTF_8));
        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("kid")).isEqualTo(CloudflareSimulator.SIGNING_KEY_ID);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(testPublicKey());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(b64.decode(parts[2]))).as("token signature").isTrue();
        return parse(new String(b64.decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static PublicKey testPublicKey() throws Exception {
        try (InputStream in = CloudflareFixture.class.getResourceAsStream("/cloudflare/test-only-stream-signing-key.pub.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }

    static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
