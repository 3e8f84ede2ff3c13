package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching the provider for new uploads is configuration alone: the operator sets
 * {@code video.provider} in the server's config source (as in the admin console, here through
 * the management API, then a reload) and new uploads go to Mux, while a video already stored
 * by the local provider keeps playing. The test puts {@code local} back afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MuxConfigSwitchIT {

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void settingVideoProviderToMuxSendsNewUploadsToMuxWhileLocalVideosKeepPlaying() throws Exception {
        String token = userToken("switch-" + UUID.randomUUID());
        JsonObject local = createVideo(token, "made before the switch");
        byte[] bytes = sample();
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(local.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(put.statusCode()).isBetween(200, 204);
        assertThat(Server.awaitProcessed(local.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(json(postJson("/api/videos", token, "{}")).getString("provider")).isEqualTo("local");

        try (var mux = MuxFixture.startSimulator()) {
            setProvider("mux");
            try {
                HttpResponse<String> created = postJson("/api/videos", token, "{\"title\":\"after the switch\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonObject fresh = json(created);
                assertThat(fresh.getString("provider")).isEqualTo("mux");
                assertThat(mux.upload(fresh.getString("uploadId"))).isNotNull();

                JsonObject before = json(get("/api/videos/" + local.getString("id"), token));
                assertThat(before.getString("provider")).isEqualTo("local");
                assertThat(before.getString("status")).isEqualTo("ready");
                HttpResponse<byte[]> played = Server.original(local.getString("id"), token);
                assertThat(played.statusCode()).isEqualTo(200);
                assertThat(sha256(played.body())).isEqualTo(sha256(bytes));
            } finally {
                setProvider("local");
            }
        }
        assertThat(json(postJson("/api/videos", token, "{}")).getString("provider")).isEqualTo("local");
    }

    /** What an operator does in the admin console: edit the config source, then reload if asked to. */
    private void setProvider(String provider) throws Exception {
        ModelNode write = new ModelNode();
        write.get("operation").set("write-attribute");
        write.get("address").set(org.jboss.as.controller.client.helpers.Operations.createAddress(
                "subsystem", "microprofile-config-smallrye", "config-source", "yourbit-video"));
        write.get("name").set("properties");
        write.get("value").get("video.provider").set(provider);
        new ServerReload(management).executeAndReloadIfRequired(write);
    }
}
