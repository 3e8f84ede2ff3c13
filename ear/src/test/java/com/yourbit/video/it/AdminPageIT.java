package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin page in a real headless Chromium: loads, lists a user's video, syncs it, starts its move. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void thePageListsAVideoAndSyncsIt() throws Exception {
        com.yourbit.video.it.cloudflare.CloudflareSimulator.start(Server.BASE);
        String owner = userToken("page-" + UUID.randomUUID());
        JsonObject video = createVideo(owner, "shown on the admin page");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(Server.awaitProcessed(video.getString("id"), owner).getString("status")).isEqualTo("ready");
        Path screenshot = Path.of(System.getProperty("ear.file")).getParent().resolve("admin-page.png");
        Files.deleteIfExists(screenshot);

        JsonObject result = NodeScript.run("admin-page.mjs", Server.BASE.toString(),
                Server.jwt("page-admin", "user", "admin"), video.getString("id"), screenshot.toString());

        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        assertThat(result.getString("defaultProvider")).isEqualTo("local");
        assertThat(result.getString("status")).startsWith("ready");
        JsonObject delivery = result.getJsonObject("delivery");
        assertThat(delivery.getString("type")).startsWith("video.");
        assertThat(delivery.getString("status")).isIn("pending", "delivered", "failed");
        assertThat(delivery.getString("answer")).isNotBlank();
        assertThat(result.getString("moveCounts")).contains("queued: ").contains("failed: ");
        JsonObject move = result.getJsonObject("move");
        assertThat(move.getString("from")).isEqualTo("local");
        assertThat(move.getString("to")).isEqualTo("cloudflare");
        assertThat(move.getString("state")).isIn("queued", "waiting_for_source", "ingesting", "done");
        // The Cloudflare simulator copies it: the move ends, leaving nothing under way for later tests.
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (!"cloudflare".equals(Server.json(Server.get("/api/videos/" + video.getString("id"), owner)).getString("provider"))) {
            assertThat(java.time.Instant.now()).as("the move to Cloudflare did not finish").isBefore(deadline);
            Thread.sleep(200);
        }
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(Server.url("/admin/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("script-src 'self'");
        assertThat(send(HttpRequest.newBuilder(Server.url("/admin/admin.js")).build()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(Server.url("/admin/../../etc/passwd")).build()).statusCode()).isEqualTo(404);
    }
}
