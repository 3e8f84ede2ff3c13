package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.postJson;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/** The videos API of API.md against the running server: contract, auth and error answers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VideosApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void createAnswers201WithLocationAndATusUploadUrl() {
        String token = userToken(newUser());
        HttpResponse<String> response = postJson("/api/videos", token, "{\"title\":\"My first video\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject video = json(response);
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/api/videos/" + video.getString("id"));
        assertThat(video.getString("title")).isEqualTo("My first video");
        assertThat(video.getString("provider")).isEqualTo("local");
        assertThat(video.getString("status")).isEqualTo("preparing");
        assertThat(video.isNull("playbackId")).isTrue();
        assertThat(video.isNull("readyAt")).isTrue();
        JsonObject upload = video.getJsonObject("upload");
        assertThat(upload.getString("protocol")).isEqualTo("tus");
        assertThat(upload.getString("url")).startsWith(Server.BASE + "/uploads/");
        assertThat(upload.getString("expiresAt")).isNotBlank();

        JsonObject fetched = json(get("/api/videos/" + video.getString("id"), token));
        assertThat(fetched.getString("id")).isEqualTo(video.getString("id"));
        assertThat(fetched.getString("uploadId")).isEqualTo(video.getString("uploadId"));
    }

    @Test
    void anEmptyBodyUsesTheConfiguredProvider() {
        HttpResponse<String> response = send(api("/api/videos", userToken(newUser()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).getString("provider")).isEqualTo("local");
    }

    @Test
    void withoutATokenEveryCallIs401() {
        assertProblem(get("/api/videos", null), 401);
        assertProblem(postJson("/api/videos", null, "{}"), 401);
        assertThat(get("/api/videos", null).headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }

    @Test
    void anInvalidOrForeignTokenIs401() {
        String token = userToken(newUser());
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertProblem(get("/api/videos", tampered), 401);
        assertProblem(get("/api/videos", "not.a.jwt"), 401);
    }

    @Test
    void aTokenWithoutTheUserGroupIs403() {
        assertProblem(get("/api/videos", Server.jwt(newUser(), "guest")), 403);
    }

    @Test
    void anotherUsersVideoIsNotFoundAndCannotBeDeleted() {
        String alice = userToken(newUser());
        String bob = userToken(newUser());
        String id = createVideo(alice, "alice's").getString("id");

        assertProblem(get("/api/videos/" + id, bob), 404);
        assertProblem(get("/api/videos/" + id + "/playback", bob), 404);
        assertProblem(send(api("/api/videos/" + id, bob).DELETE().build()), 404);
        assertThat(get("/api/videos/" + id, alice).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/videos", bob)).getJsonArray("items")).isEmpty();
    }

    @Test
    void malformedJsonIs400AndCreatesNothing() {
        String token = userToken(newUser());
        assertProblem(postJson("/api/videos", token, "{\"title\": "), 400);
        assertProblem(postJson("/api/videos", token, "[1,2]"), 400);
        assertProblem(postJson("/api/videos", token, "{\"title\": {\"nested\": true}}"), 400);
        assertThat(json(get("/api/videos", token)).getJsonArray("items")).isEmpty();
    }

    @Test
    void anUnknownProviderIs422AndCreatesNothing() {
        String token = userToken(newUser());
        assertProblem(postJson("/api/videos", token, "{\"provider\":\"vimeo\"}"), 422);
        assertProblem(postJson("/api/videos", token, "{\"provider\":\"../../etc\"}"), 422);
        assertThat(json(get("/api/videos", token)).getJsonArray("items")).isEmpty();
    }

    @Test
    void aTitleThatIsTooLongIs400() {
        String token = userToken(newUser());
        assertProblem(postJson("/api/videos", token, "{\"title\":\"" + "x".repeat(501) + "\"}"), 400);
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        String token = userToken(newUser());
        assertProblem(get("/api/videos/" + UUID.randomUUID(), token), 404);
        assertProblem(get("/api/videos/not-a-uuid", token), 404);
    }

    @Test
    void playbackAndThumbnailAre409UntilReady() {
        String token = userToken(newUser());
        String id = createVideo(token, "not yet").getString("id");
        assertProblem(get("/api/videos/" + id + "/playback", token), 409);
        assertProblem(get("/api/videos/" + id + "/thumbnail", token), 409);
    }

    @Test
    void listIsNewestFirstWithCursorPagination() {
        String token = userToken(newUser());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createVideo(token, "v" + i).getString("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = json(get("/api/videos?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.getJsonArray("items").forEach(v -> seen.add(v.asJsonObject().getString("id")));
            cursor = page.isNull("next") ? null : page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(json(get("/api/videos?status=ready", token)).getJsonArray("items")).isEmpty();
        assertThat(json(get("/api/videos?status=preparing", token)).getJsonArray("items")).hasSize(5);
    }

    @Test
    void badListParametersAre400() {
        String token = userToken(newUser());
        assertProblem(get("/api/videos?limit=0", token), 400);
        assertProblem(get("/api/videos?limit=101", token), 400);
        assertProblem(get("/api/videos?limit=ten", token), 400);
        assertProblem(get("/api/videos?status=done", token), 400);
        assertProblem(get("/api/videos?cursor=%25%25garbage", token), 400);
    }

    @Test
    void deleteAnswers204AndTheVideoIsGone() {
        String token = userToken(newUser());
        String id = createVideo(token, "short-lived").getString("id");
        assertThat(send(api("/api/videos/" + id, token).DELETE().build()).statusCode()).isEqualTo(204);
        assertProblem(get("/api/videos/" + id, token), 404);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        String token = userToken(newUser());
        assertProblem(get("/api/nothing-here", token), 404);
        assertProblem(send(api("/api/videos", token).PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build()), 405);
        assertProblem(send(api("/api/videos", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build()), 415);
    }

    @Test
    void webhooksForUnknownProvidersOrProvidersWithoutWebhooksAre404() {
        HttpRequest.Builder webhook = HttpRequest.newBuilder(Server.url("/webhooks/nobody"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertProblem(send(webhook.build()), 404);
        assertProblem(send(HttpRequest.newBuilder(Server.url("/webhooks/local"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 404);
    }

    @Test
    void theOpenApiDocumentDescribesTheVideosApi() {
        HttpResponse<String> response = get("/openapi", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/videos").contains("/api/videos/{id}/playback");
    }

    @Test
    void readinessIncludesTheDatabase() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(Server.MANAGEMENT.resolve("/health/ready")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("video-database").contains("upload-provider").contains("UP");
    }
}
