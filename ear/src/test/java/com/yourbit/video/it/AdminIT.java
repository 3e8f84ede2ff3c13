package com.yourbit.video.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin calls: access, listing across users, sync, and the stale-upload sweep. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminIT {

    private static final String ADMIN = Server.jwt("admin-" + UUID.randomUUID(), "user", "admin");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    private static HttpResponse<String> post(String path, String token) {
        return send(api(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void adminCallsNeedTheAdminGroup() {
        String user = userToken("plain-" + UUID.randomUUID());
        String id = createVideo(user, "mine").getString("id");
        assertProblem(get("/api/admin/videos", user), 403);
        assertProblem(post("/api/admin/expire-stale", user), 403);
        assertProblem(post("/api/admin/videos/" + id + "/sync", user), 403);
        assertProblem(get("/api/admin/videos", null), 401);
    }

    @Test
    void theConfigReportShowsTheActionMapAndCountsButNoSecretValues() {
        createVideo(userToken("counted-" + UUID.randomUUID()), "counted");
        HttpResponse<String> response = get("/api/admin/config", ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject report = json(response);
        assertThat(report.getString("providerForNewUploads")).isEqualTo("local");
        JsonObject local = report.getJsonObject("providers").getJsonObject("local");
        assertThat(local.getBoolean("configured")).isTrue();
        assertThat(local.getJsonObject("actionMap").getString("public-url")).isEqualTo(Server.BASE.toString());
        assertThat(local.getJsonObject("secretsSet").getBoolean("VIDEO_MEDIA_SIGNING_JWK")).isFalse();
        assertThat(response.body()).doesNotContain("\"d\":");
        assertThat(report.getJsonObject("videoCounts").getJsonObject("local").getJsonNumber("preparing").longValue()).isPositive();
        assertThat(report.getJsonArray("latestWebhooks")).isNotNull();
        assertProblem(get("/api/admin/config", userToken("nosy-" + UUID.randomUUID())), 403);
    }

    @Test
    void rejectedWebhooksAreListedWithTheirReasonButNoBody() {
        String marker = "secret-body-" + UUID.randomUUID();
        HttpResponse<String> forged = send(HttpRequest.newBuilder(Server.url("/webhooks/mux"))
                .header("Content-Type", "application/json")
                .header("Mux-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "00".repeat(32))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"video.asset.ready\",\"id\":\"" + marker + "\"}")).build());
        assertProblem(forged, 401);
        HttpResponse<String> report = get("/api/admin/config", ADMIN);
        // Refused for the signature: listed from this node's memory, not the database.
        List<JsonObject> receipts = json(report).getJsonObject("rejectedWebhooks").getJsonArray("latest")
                .getValuesAs(JsonValue::asJsonObject);
        assertThat(receipts).anySatisfy(r -> {
            assertThat(r.getString("provider")).isEqualTo("mux");
            assertThat(r.getString("outcome")).isEqualTo("rejected");
            assertThat(r.getString("reason")).contains("signature");
        });
        assertThat(report.body()).doesNotContain(marker);
    }

    @Test
    void adminsListEveryUsersVideosWithFilters() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String a = createVideo(userToken(alice), "a").getString("id");
        String b = createVideo(userToken(bob), "b").getString("id");

        List<JsonObject> items = json(get("/api/admin/videos?status=preparing&limit=100", ADMIN))
                .getJsonArray("items").getValuesAs(JsonValue::asJsonObject);
        assertThat(items).anySatisfy(v -> {
            assertThat(v.getString("owner")).isEqualTo(alice);
            assertThat(v.getJsonObject("video").getString("id")).isEqualTo(a);
        });
        assertThat(items).anySatisfy(v -> assertThat(v.getJsonObject("video").getString("id")).isEqualTo(b));

        String hourAgo = Instant.now().minus(Duration.ofHours(1)).toString();
        assertThat(json(get("/api/admin/videos?olderThan=" + hourAgo, ADMIN)).getJsonArray("items")).isEmpty();
        assertThat(json(get("/api/admin/videos?olderThan=PT1H", ADMIN)).getJsonArray("items")).isEmpty();
        assertProblem(get("/api/admin/videos?olderThan=yesterday", ADMIN), 400);
        assertProblem(get("/api/admin/videos?status=gone", ADMIN), 400);
    }

    @Test
    void theSweepLeavesFreshUploadsAndExpiresStaleOnesCancellingTheirUpload() {
        String token = userToken("stale-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "abandoned");
        String id = video.getString("id");
        String uploadUrl = video.getJsonObject("upload").getString("url");
        send(HttpRequest.newBuilder(URI.create(uploadUrl)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "100000").POST(HttpRequest.BodyPublishers.noBody()).build());

        // Now: the upload URL is valid for a day, nothing is stale.
        JsonObject now = json(post("/api/admin/expire-stale", ADMIN));
        assertThat(now.getInt("expired")).isZero();
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("preparing");

        // As of three days ahead, the upload deadline (1 day) plus video.expiry.after (1 hour) has passed.
        String later = Instant.now().plus(Duration.ofDays(3)).toString();
        JsonObject swept = json(post("/api/admin/expire-stale?asOf=" + later, ADMIN));
        assertThat(swept.getInt("expired")).isGreaterThanOrEqualTo(1);
        assertThat(json(get("/api/videos/" + id, token)).getString("status")).isEqualTo("expired");

        // The local upload was cancelled: its bytes are gone and it takes no more.
        assertThat(send(HttpRequest.newBuilder(URI.create(uploadUrl)).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isIn(404, 410);

        // A second sweep finds nothing left to expire for this video.
        JsonObject again = json(post("/api/admin/expire-stale?asOf=" + later, ADMIN));
        assertThat(again.getInt("expired")).isZero();
        assertProblem(post("/api/admin/expire-stale?asOf=2001-01-01T00:00:00Z", ADMIN), 400);
        assertProblem(post("/api/admin/expire-stale?asOf=tomorrow", ADMIN), 400);
    }

    @Test
    void syncLeavesAnUnfinishedVideoAndReportsAReadyOne() {
        String token = userToken("sync-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "sync me");
        String id = video.getString("id");
        JsonObject synced = json(post("/api/admin/videos/" + id + "/sync", ADMIN));
        assertThat(synced.getJsonObject("video").getString("status")).isEqualTo("preparing");

        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(Server.awaitProcessed(id, token).getString("status")).isEqualTo("ready");
        JsonObject ready = json(post("/api/admin/videos/" + id + "/sync", ADMIN));
        assertThat(ready.getJsonObject("video").getString("status")).isEqualTo("ready");
        assertThat(ready.getString("owner")).startsWith("sync-");

        assertProblem(post("/api/admin/videos/" + UUID.randomUUID() + "/sync", ADMIN), 404);
    }
}
