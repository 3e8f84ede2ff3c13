package com.yourbit.video.it;

import com.yourbit.video.it.cloudflare.CloudflareSimulator;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.Captions.WEBVTT;
import static com.yourbit.video.it.Captions.delete;
import static com.yourbit.video.it.Captions.list;
import static com.yourbit.video.it.Captions.put;
import static com.yourbit.video.it.CloudflareFixture.CUSTOMER;
import static com.yourbit.video.it.CloudflareFixture.UPLOAD_PROTOCOL;
import static com.yourbit.video.it.CloudflareFixture.awaitStatus;
import static com.yourbit.video.it.CloudflareFixture.create;
import static com.yourbit.video.it.CloudflareFixture.postFile;
import static com.yourbit.video.it.CloudflareFixture.setSystemProperty;
import static com.yourbit.video.it.CloudflareFixture.verifiedClaims;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captions of Cloudflare Stream videos against the simulator: the multipart upload (field
 * {@code file}) to {@code …/stream/{uid}/captions/{language}}, Cloudflare's one caption per
 * language (a replacement is a second PUT, nothing deleted), the listing's URL (the signed HLS
 * manifest, where Cloudflare delivers captions), deletion, and a refusal.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudflareCaptionsIT {

    private static final CloudflareSimulator CLOUDFLARE = CloudflareSimulator.start(Server.BASE);
    private static final String CAPTIONS = "/client/v4/accounts/" + CloudflareSimulator.ACCOUNT + "/stream/%s/captions/%s";

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @BeforeEach
    void basicUploads() throws IOException {
        setSystemProperty(management, UPLOAD_PROTOCOL, "post");
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        CLOUDFLARE.clearFaults();
        setSystemProperty(management, UPLOAD_PROTOCOL, null);
    }

    @Test
    void aCaptionIsUploadedListedReplacedInPlaceAndDeleted() throws Exception {
        String token = userToken("cf-captions-" + UUID.randomUUID());
        JsonObject video = readyVideo(token);
        String id = video.getString("id");
        String uid = video.getString("playbackId");

        HttpResponse<String> added = put(token, id, "DE", null, WEBVTT);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).getString("lang")).isEqualTo("de");
        assertThat(json(added).getString("label")).isEqualTo("Deutsch");
        assertThat(json(added).getString("status")).isEqualTo("ready");
        assertThat(CLOUDFLARE.captionFiles(uid)).isEqualTo(Map.of("de", WEBVTT));
        CloudflareSimulator.Call upload = CLOUDFLARE.calls().stream()
                .filter(c -> c.method().equals("PUT") && c.path().equals(CAPTIONS.formatted(uid, "de"))).findFirst().orElseThrow();
        assertThat(upload.authorization()).isEqualTo("Bearer " + CloudflareSimulator.API_TOKEN);
        assertThat(upload.body()).contains("name=\"file\"");

        JsonObject item = list(token, id).getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("status")).isEqualTo("ready");
        // Cloudflare delivers captions inside the HLS manifest: the url is the signed manifest.
        String url = item.getString("url");
        Matcher m = Pattern.compile(Pattern.quote(CUSTOMER) + "([^/?]+)/manifest/video\\.m3u8").matcher(url);
        assertThat(m.matches()).as(url).isTrue();
        assertThat(verifiedClaims(m.group(1)).getString("sub")).isEqualTo(uid);

        String replacement = WEBVTT.replace("Hello", "Hallo");
        HttpResponse<String> replaced = put(token, id, "de", "label=Deutsch%20(neu)", replacement);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(CLOUDFLARE.captionFiles(uid)).isEqualTo(Map.of("de", replacement));
        assertThat(CLOUDFLARE.calls()).noneMatch(c -> c.method().equals("DELETE") && c.path().contains("/captions/"));
        assertThat(list(token, id).getJsonArray("items").getJsonObject(0).getString("label")).isEqualTo("Deutsch (neu)");

        assertThat(delete(token, id, "de").statusCode()).isEqualTo(204);
        assertThat(CLOUDFLARE.captionFiles(uid)).isEmpty();
        assertThat(list(token, id).getJsonArray("items")).isEmpty();
        assertProblem(delete(token, id, "de"), 404, "NOT_FOUND");
    }

    @Test
    void aCloudflareFailureIs502OrLaterAndTheCaptionIsErrored() {
        String token = userToken("cf-captions-" + UUID.randomUUID());
        String id = readyVideo(token).getString("id");
        CLOUDFLARE.failNext(500, null, null);
        HttpResponse<String> failed = put(token, id, "fr", null, WEBVTT);
        assertThat(failed.statusCode()).as(failed.body()).isIn(502, 503);
        JsonObject item = list(token, id).getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("status")).isEqualTo("errored");
        assertThat(item.isNull("url")).isTrue();
        assertThat(put(token, id, "fr", null, WEBVTT).statusCode()).isEqualTo(200);
        assertThat(list(token, id).getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("ready");
    }

    private static JsonObject readyVideo(String token) {
        JsonObject created = create(token, "captions");
        assertThat(postFile(created.getJsonObject("upload").getString("url"), sample()).statusCode()).isEqualTo(200);
        return awaitStatus(created.getString("id"), token, "ready");
    }
}
