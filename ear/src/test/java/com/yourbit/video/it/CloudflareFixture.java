package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;

import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static org.assertj.core.api.Assertions.assertThat;

/** What the Cloudflare integration tests share: videos at Cloudflare, waiting, server settings. */
final class CloudflareFixture {

    static final String UPLOAD_PROTOCOL = "video.action-map.cloudflare.upload-protocol";

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
