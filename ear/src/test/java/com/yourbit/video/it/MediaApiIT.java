package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download, storyboard and animated-preview calls of API.md, whatever the provider: the
 * video JSON's media fields, who may ask, and the answers to bad parameters. What each
 * provider makes is tested in its own ITs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MediaApiIT {

    private static final List<String> CALLS = List.of("download", "storyboard", "animated");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void aNewVideoSaysNothingIsMadeYet() {
        JsonObject video = createVideo(userToken(newUser()), "media fields");
        assertThat(video.getJsonArray("renditions")).isEmpty();
        assertThat(video.getString("download")).isEqualTo("none");
        assertThat(video.getBoolean("storyboard")).isFalse();
    }

    @Test
    void notReadyIs409ForEveryCall() {
        String token = userToken(newUser());
        String id = createVideo(token, "not ready").getString("id");
        for (String call : CALLS) {
            assertProblem(get("/api/videos/" + id + "/" + call, token), 409, "VIDEO_NOT_READY");
        }
    }

    @Test
    void anotherUsersVideoOrAMissingOneIs404() {
        String id = createVideo(userToken(newUser()), "someone else's").getString("id");
        String stranger = userToken(newUser());
        for (String call : CALLS) {
            assertProblem(get("/api/videos/" + id + "/" + call, stranger), 404, "VIDEO_NOT_FOUND");
            assertProblem(get("/api/videos/" + UUID.randomUUID() + "/" + call, stranger), 404, "VIDEO_NOT_FOUND");
            assertProblem(get("/api/videos/not-a-uuid/" + call, stranger), 404, "VIDEO_NOT_FOUND");
        }
    }

    @Test
    void withoutATokenIs401() {
        for (String call : CALLS) {
            assertProblem(get("/api/videos/" + UUID.randomUUID() + "/" + call, null), 401);
        }
    }

    @Test
    void animatedValuesOutsideMuxsLimitsAre400BeforeAnythingElse() {
        String token = userToken(newUser());
        String id = createVideo(token, "limits").getString("id");
        for (String query : List.of("start=0&end=10.5", "start=3&end=3.1", "start=5&end=4", "start=-1",
                "start=abc", "start=1e3", "start=NaN", "end=Infinity", "start=1234567890",
                "width=641", "width=0", "height=641", "height=-5", "width=99999999999", "fps=31", "fps=0",
                "fps=2.5", "format=bmp", "format=GIF", "format=", "ttl=abc")) {
            if (query.equals("format=")) {
                continue; // an empty format is the default, gif
            }
            assertProblem(get("/api/videos/" + id + "/animated?" + query, token), 400, "INVALID_REQUEST");
        }
        // Values inside the limits pass the parameter check and meet the readiness check.
        assertProblem(get("/api/videos/" + id + "/animated?start=1&end=11&width=640&fps=30&format=webp", token),
                409, "VIDEO_NOT_READY");
    }

    @Test
    void aTtlThatIsNotANumberIs400() {
        String token = userToken(newUser());
        String id = createVideo(token, "ttl").getString("id");
        assertProblem(get("/api/videos/" + id + "/download?ttl=soon", token), 400, "INVALID_REQUEST");
        assertProblem(get("/api/videos/" + id + "/storyboard?ttl=1.5", token), 400, "INVALID_REQUEST");
    }
}
