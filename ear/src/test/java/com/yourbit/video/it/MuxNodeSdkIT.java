package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mux's own SDK ({@code @mux/mux-node}, run by Node) judges our schemes: it verifies a
 * webhook signature our simulator made (the one the service also accepts), and our service's
 * playback, thumbnail, storyboard and animated-image tokens must carry the same header and claims as the tokens the SDK
 * signs for the same playback id and parameters.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MuxNodeSdkIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void muxNodeAgreesWithOurWebhookSignaturesAndPlaybackTokens(@TempDir Path dir) throws Exception {
        try (MuxSimulator mux = MuxFixture.startSimulator()) {
            String token = userToken("mux-sdk-" + UUID.randomUUID());
            JsonObject video = MuxFixture.createMuxVideo(token, "cross-check");
            MuxFixture.uploadFile(video);
            String assetId = mux.upload(video.getString("uploadId")).getString("asset_id");
            mux.finishProcessing(assetId);
            String ready = mux.assetEvent("video.asset.ready", assetId);
            String header = mux.signature(ready, Instant.now());
            assertThat(mux.deliver(ready, header).statusCode()).isEqualTo(200);

            String id = video.getString("id");
            String playback = json(get("/api/videos/" + id + "/playback?ttl=900", token)).getString("url");
            String thumbnail = json(get("/api/videos/" + id + "/thumbnail?time=3&width=640&height=360", token)).getString("url");
            String storyboard = json(get("/api/videos/" + id + "/storyboard", token)).getString("url");
            String animated = json(get("/api/videos/" + id + "/animated?start=1.5&end=4&height=240&fps=10", token)).getString("url");

            JsonObject input = Json.createObjectBuilder()
                    .add("webhookSecret", MuxFixture.WEBHOOK_SECRET)
                    .add("signingKeyId", MuxFixture.SIGNING_KEY)
                    .add("privateKey", MuxFixture.server("MUX_PRIVATE_KEY"))
                    .add("publicKeyPem", MuxFixture.publicKeyPem())
                    .add("webhook", Json.createObjectBuilder().add("body", ready).add("header", header)
                            .add("forgedHeader", MuxSimulator.signature(ready, Instant.now(), "forged-secret")))
                    .add("tokens", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "video").add("jwt", tokenOf(playback))
                                    .add("params", Json.createObjectBuilder()))
                            .add(Json.createObjectBuilder().add("type", "thumbnail").add("jwt", tokenOf(thumbnail))
                                    .add("params", Json.createObjectBuilder().add("time", 3).add("width", 640).add("height", 360)))
                            .add(Json.createObjectBuilder().add("type", "storyboard").add("jwt", tokenOf(storyboard))
                                    .add("params", Json.createObjectBuilder()))
                            .add(Json.createObjectBuilder().add("type", "gif").add("jwt", tokenOf(animated))
                                    .add("params", Json.createObjectBuilder().add("start", 1.5).add("end", 4).add("height", 240)
                                            .add("fps", 10))))
                    .build();
            Path file = dir.resolve("input.json");
            Files.writeString(file, input.toString());

            JsonObject result = NodeScript.run("mux-crosscheck.mjs", file.toString());

            assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
            assertThat(result.getBoolean("webhookVerified")).isTrue();
            assertThat(result.getString("eventType")).isEqualTo("video.asset.ready");
            assertThat(result.getBoolean("forgedRejected")).isTrue();
            assertThat(result.getBoolean("tamperedRejected")).isTrue();
            for (JsonObject checked : result.getJsonArray("tokens").getValuesAs(JsonObject.class)) {
                assertThat(checked.getBoolean("signatureValid")).as(checked.toString()).isTrue();
                JsonObject ours = checked.getJsonObject("ours");
                JsonObject theirs = checked.getJsonObject("theirs");
                assertThat(ours.getJsonObject("header").getString("alg")).isEqualTo(theirs.getJsonObject("header").getString("alg"));
                assertThat(ours.getJsonObject("header").getString("kid")).isEqualTo(MuxFixture.SIGNING_KEY);
                JsonObject ourClaims = ours.getJsonObject("claims");
                JsonObject theirClaims = theirs.getJsonObject("claims");
                assertThat(ourClaims.keySet()).as(checked.getString("type")).isEqualTo(theirClaims.keySet());
                for (String claim : Set.copyOf(theirClaims.keySet())) {
                    if (claim.equals("exp")) {
                        assertThat(ourClaims.getJsonNumber("exp").longValue())
                                .isCloseTo(theirClaims.getJsonNumber("exp").longValue(), org.assertj.core.api.Assertions.within(5L));
                    } else {
                        assertThat(ourClaims.get(claim)).as(checked.getString("type") + " claim " + claim).isEqualTo(theirClaims.get(claim));
                    }
                }
            }
        }
    }

    private static String tokenOf(String url) {
        return url.substring(url.indexOf("token=") + "token=".length());
    }
}
