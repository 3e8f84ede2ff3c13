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

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.CloudflareFixture.CUSTOMER;
import static com.yourbit.video.it.CloudflareFixture.UPLOAD_PROTOCOL;
import static com.yourbit.video.it.CloudflareFixture.awaitStatus;
import static com.yourbit.video.it.CloudflareFixture.create;
import static com.yourbit.video.it.CloudflareFixture.fetchFromCustomerDomain;
import static com.yourbit.video.it.CloudflareFixture.postFile;
import static com.yourbit.video.it.CloudflareFixture.setSystemProperty;
import static com.yourbit.video.it.CloudflareFixture.verifiedClaims;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Cloudflare Stream video's renditions through the public API, against the simulator: the
 * MP4 download (asked for through the downloads API, 409 with Retry-After until Cloudflare has
 * it, then a token that says {@code downloadable}), animated GIF previews, thumbnails the
 * customer subdomain serves only with a valid token, the storyboard this service composes of
 * them, and what the video JSON says.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudflareRenditionsIT {

    private static final CloudflareSimulator CLOUDFLARE = CloudflareSimulator.start(Server.BASE);
    private static final String DOWNLOADS = "/client/v4/accounts/" + CloudflareSimulator.ACCOUNT + "/stream/%s/downloads";
    private static final String POLL_INTERVAL = "video.action-map.cloudflare.download-poll-interval";

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** Basic uploads; every download request reaches Cloudflare (but in the test of the poll interval). */
    @BeforeEach
    void basicUploadsAndNoPollInterval() throws IOException {
        setSystemProperty(management, UPLOAD_PROTOCOL, "post");
        setSystemProperty(management, POLL_INTERVAL, "PT0S");
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        CLOUDFLARE.holdDownloads(false);
        CLOUDFLARE.clearFaults();
        setSystemProperty(management, UPLOAD_PROTOCOL, null);
        setSystemProperty(management, POLL_INTERVAL, null);
    }

    /** A ready Cloudflare video of the simulator's 1280 x 720, 2 s encoding. */
    private static JsonObject readyVideo(String token) {
        JsonObject created = create(token, "renditions");
        assertThat(postFile(created.getJsonObject("upload").getString("url"), sample()).statusCode()).isEqualTo(200);
        return awaitStatus(created.getString("id"), token, "ready");
    }

    @Test
    void theVideoJsonTellsItsRenditionStoryboardAndDownloadAndNoUnsignedCloudflareUrl() {
        String token = userToken("cf-json-" + UUID.randomUUID());
        JsonObject ready = readyVideo(token);

        assertThat(ready.getJsonArray("renditions")).hasSize(1);
        JsonObject rendition = ready.getJsonArray("renditions").getJsonObject(0);
        assertThat(rendition.getString("name")).isEqualTo("720p");
        assertThat(rendition.getInt("width")).isEqualTo(1280);
        assertThat(rendition.getInt("height")).isEqualTo(720);
        assertThat(ready.getBoolean("storyboard")).isTrue();
        assertThat(ready.getString("download")).isEqualTo("none");
        // The video requires signed URLs: a bare-uid Cloudflare URL would be refused by Cloudflare.
        assertThat(ready.toString()).doesNotContain("cloudflarestream.com");
        assertThat(fetchFromCustomerDomain(CUSTOMER + ready.getString("playbackId") + "/thumbnails/thumbnail.jpg").statusCode())
                .as("Cloudflare refuses the bare uid of a signed video").isEqualTo(401);
    }

    @Test
    void theMp4IsAskedForAnsweredWith409UntilMadeThenHandedOutSignedAndServed() throws Exception {
        String token = userToken("cf-mp4-" + UUID.randomUUID());
        JsonObject ready = readyVideo(token);
        String id = ready.getString("id");
        String uid = ready.getString("playbackId");
        CLOUDFLARE.holdDownloads(true);

        HttpResponse<String> pending = get("/api/videos/" + id + "/download", token);
        assertProblem(pending, 409, "DOWNLOAD_NOT_READY");
        assertThat(pending.headers().firstValue("Retry-After")).contains("10");
        assertThat(CLOUDFLARE.downloadStatus(uid)).isEqualTo("inprogress");
        assertThat(CLOUDFLARE.calls()).anyMatch(c -> c.method().equals("POST") && c.path().equals(DOWNLOADS.formatted(uid))
                && ("Bearer " + CloudflareSimulator.API_TOKEN).equals(c.authorization()));
        assertThat(json(get("/api/videos/" + id, token)).getString("download")).isEqualTo("preparing");
        assertProblem(get("/api/videos/" + id + "/download", token), 409, "DOWNLOAD_NOT_READY");
        assertThat(CLOUDFLARE.downloadStatus(uid)).as("asking again asks for no second MP4").isEqualTo("inprogress");

        CLOUDFLARE.finishDownload(uid);
        Instant before = Instant.now();
        HttpResponse<String> done = get("/api/videos/" + id + "/download?ttl=120", token);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        String url = json(done).getString("url");
        Matcher m = Pattern.compile(Pattern.quote(CUSTOMER) + "([^/?]+)/downloads/default\\.mp4").matcher(url);
        assertThat(m.matches()).as(url).isTrue();
        JsonObject claims = verifiedClaims(m.group(1));
        assertThat(claims.getString("sub")).isEqualTo(uid);
        assertThat(claims.getBoolean("downloadable")).isTrue();
        assertThat(claims.getJsonNumber("exp").longValue()).isBetween(before.getEpochSecond() + 119, Instant.now().getEpochSecond() + 121)
                .isEqualTo(Instant.parse(json(done).getString("expiresAt")).getEpochSecond());
        assertThat(json(get("/api/videos/" + id, token)).getString("download")).isEqualTo("ready");

        HttpResponse<byte[]> mp4 = fetchFromCustomerDomain(url);
        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(mp4.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(mp4.body()).isEqualTo(sample());

        // Once ready the MP4 is not asked for again; a playback token does not open it.
        long asked = CLOUDFLARE.calls().stream().filter(c -> c.path().equals(DOWNLOADS.formatted(uid))).count();
        assertThat(get("/api/videos/" + id + "/download", token).statusCode()).isEqualTo(200);
        assertThat(CLOUDFLARE.calls().stream().filter(c -> c.path().equals(DOWNLOADS.formatted(uid))).count()).isEqualTo(asked);
        String playback = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        String playbackToken = playback.substring(CUSTOMER.length(), playback.indexOf('/', CUSTOMER.length()));
        assertThat(fetchFromCustomerDomain(CUSTOMER + playbackToken + "/downloads/default.mp4").statusCode()).isEqualTo(401);
        assertThat(fetchFromCustomerDomain(CUSTOMER + uid + "/downloads/default.mp4").statusCode()).isEqualTo(401);
        assertThat(fetchFromCustomerDomain(url.replace(m.group(1), tampered(m.group(1)))).statusCode()).isEqualTo(401);
    }

    @Test
    void aClientAskingInALoopCostsOneCloudflareCallPerPollInterval() throws IOException {
        String token = userToken("cf-mp4-loop-" + UUID.randomUUID());
        JsonObject ready = readyVideo(token);
        String id = ready.getString("id");
        String uid = ready.getString("playbackId");
        setSystemProperty(management, POLL_INTERVAL, null); // the default, 5 s
        CLOUDFLARE.holdDownloads(true);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> pending = get("/api/videos/" + id + "/download", token);
            assertProblem(pending, 409, "DOWNLOAD_NOT_READY");
            assertThat(pending.headers().firstValue("Retry-After")).contains("10");
        }
        assertThat(CLOUDFLARE.calls().stream().filter(c -> c.path().equals(DOWNLOADS.formatted(uid)))).hasSize(1);

        setSystemProperty(management, POLL_INTERVAL, "PT0S"); // as if the interval had passed
        CLOUDFLARE.finishDownload(uid);
        assertThat(get("/api/videos/" + id + "/download", token).statusCode()).isEqualTo(200);
        assertThat(CLOUDFLARE.calls().stream().filter(c -> c.path().equals(DOWNLOADS.formatted(uid)))).hasSize(2);
    }

    @Test
    void aFailedMp4IsRemovedAtCloudflareSoThatAskingAgainMakesANewOne() {
        String token = userToken("cf-mp4-fail-" + UUID.randomUUID());
        JsonObject ready = readyVideo(token);
        String id = ready.getString("id");
        String uid = ready.getString("playbackId");
        CLOUDFLARE.holdDownloads(true);
        assertProblem(get("/api/videos/" + id + "/download", token), 409, "DOWNLOAD_NOT_READY");

        CLOUDFLARE.failDownload(uid);
        HttpResponse<String> failed = get("/api/videos/" + id + "/download", token);
        assertProblem(failed, 409, "DOWNLOAD_NOT_READY");
        assertThat(json(failed).getString("detail")).contains("could not make an MP4");
        assertThat(json(get("/api/videos/" + id, token)).getString("download")).isEqualTo("errored");
        assertThat(CLOUDFLARE.calls()).anyMatch(c -> c.method().equals("DELETE") && c.path().equals(DOWNLOADS.formatted(uid)));
        assertThat(CLOUDFLARE.downloadStatus(uid)).isNull();

        assertProblem(get("/api/videos/" + id + "/download", token), 409, "DOWNLOAD_NOT_READY");
        assertThat(CLOUDFLARE.downloadStatus(uid)).isEqualTo("inprogress");
        assertThat(json(get("/api/videos/" + id, token)).getString("download")).isEqualTo("preparing");
        CLOUDFLARE.finishDownload(uid);
        assertThat(get("/api/videos/" + id + "/download", token).statusCode()).isEqualTo(200);
    }

    @Test
    void cloudflareFailingTheDownloadsCallIsA503WithItsRetryAfter() {
        String token = userToken("cf-mp4-down-" + UUID.randomUUID());
        String id = readyVideo(token).getString("id");
        CLOUDFLARE.failNext(503, "9", CloudflareSimulator.errors(10002, "Service unavailable"));
        HttpResponse<String> unavailable = get("/api/videos/" + id + "/download", token);
        assertProblem(unavailable, 503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("9");
        assertThat(json(get("/api/videos/" + id, token)).getString("download")).isEqualTo("none");
    }

    @Test
    void anAnimatedGifIsSignedAndCloudflareMakesItOfTheAskedSizeAndFrames() throws Exception {
        String token = userToken("cf-gif-" + UUID.randomUUID());
        JsonObject ready = readyVideo(token);
        String id = ready.getString("id");

        HttpResponse<String> answer = get("/api/videos/" + id + "/animated?start=0.5&end=1.5&width=320&fps=10&ttl=300", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String url = json(answer).getString("url");
        Matcher m = Pattern.compile(Pattern.quote(CUSTOMER)
                + "([^/?]+)/thumbnails/thumbnail\\.gif\\?time=0\\.500s&duration=1s&width=320&fps=10&fit=clip").matcher(url);
        assertThat(m.matches()).as(url).isTrue();
        JsonObject claims = verifiedClaims(m.group(1));
        assertThat(claims.getString("sub")).isEqualTo(ready.getString("playbackId"));
        assertThat(claims.containsKey("downloadable")).isFalse();

        HttpResponse<byte[]> gif = fetchFromCustomerDomain(url);
        assertThat(gif.statusCode()).isEqualTo(200);
        assertThat(gif.headers().firstValue("Content-Type")).contains("image/gif");
        // 1 s at 10 fps; 1280 x 720 kept in shape within 320 x 640.
        assertThat(frames(gif.body())).containsExactly(10, 320, 180);
        assertThat(fetchFromCustomerDomain(url.replace(m.group(1), tampered(m.group(1)))).statusCode()).isEqualTo(401);

        // A thumbnail of a storyboard tile's kind is served by the same rules.
        String tile = json(get("/api/videos/" + id + "/thumbnail?time=1&width=256&height=144", token)).getString("url");
        HttpResponse<byte[]> jpeg = fetchFromCustomerDomain(tile);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(frames(jpeg.body())).containsExactly(1, 256, 144);
    }

    @Test
    void webpFrameRatesAndSpansCloudflareCannotMakeAre400() {
        String token = userToken("cf-gif-bad-" + UUID.randomUUID());
        String id = readyVideo(token).getString("id");

        HttpResponse<String> webp = get("/api/videos/" + id + "/animated?format=webp", token);
        assertProblem(webp, 400, "INVALID_REQUEST");
        assertThat(json(webp).getString("detail")).contains("GIF only");
        HttpResponse<String> fast = get("/api/videos/" + id + "/animated?end=1&fps=16", token);
        assertProblem(fast, 400, "INVALID_REQUEST");
        assertThat(json(fast).getString("detail")).contains("15");
        assertProblem(get("/api/videos/" + id + "/animated?fps=31", token), 400, "INVALID_REQUEST");
        assertProblem(get("/api/videos/" + id + "/animated?start=0&end=11", token), 400, "INVALID_REQUEST");
        assertProblem(get("/api/videos/" + id + "/animated?start=2.5", token), 400, "INVALID_REQUEST");
        assertProblem(get("/api/videos/" + id + "/animated?width=641", token), 400, "INVALID_REQUEST");
        assertThat(get("/api/videos/" + id + "/animated?end=1&fps=15", token).statusCode()).isEqualTo(200);
    }

    /**
     * Cloudflare has no storyboard: the service's /media storyboard composes one whose every
     * tile is a Cloudflare thumbnail, all signed with one token that ends with the storyboard.
     */
    @Test
    void theComposedStoryboardsTilesAreThumbnailsCloudflareServes() throws Exception {
        String token = userToken("cf-storyboard-" + UUID.randomUUID());
        JsonObject ready = readyVideo(token);
        String id = ready.getString("id");

        HttpResponse<String> answer = get("/api/videos/" + id + "/storyboard?ttl=600", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String url = json(answer).getString("url");
        Instant expiresAt = Instant.parse(json(answer).getString("expiresAt"));
        assertThat(url).startsWith(Server.BASE + "/media/" + id + "/storyboard.vtt?");
        HttpResponse<String> vtt = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(vtt.statusCode()).as(vtt.body()).isEqualTo(200);
        assertThat(vtt.headers().firstValue("Content-Type").orElse("")).startsWith("text/vtt");

        // The simulator's video lasts 2 s: a tile a second, each Cloudflare's 256 x 144 thumbnail of its first instant.
        Matcher cue = Pattern.compile("(\\S+) --> (\\S+)\n(\\S+)\n").matcher(vtt.body());
        java.util.List<String> tokens = new java.util.ArrayList<>();
        java.util.List<String> cues = new java.util.ArrayList<>();
        while (cue.find()) {
            Matcher tile = Pattern.compile(Pattern.quote(CUSTOMER) + "([^/?]+)/thumbnails/thumbnail\\.jpg\\?(.*)").matcher(cue.group(3));
            assertThat(tile.matches()).as(cue.group(3)).isTrue();
            cues.add(cue.group(1) + " " + cue.group(2) + " " + tile.group(2));
            tokens.add(tile.group(1));
            HttpResponse<byte[]> image = fetchFromCustomerDomain(cue.group(3));
            assertThat(image.statusCode()).as(cue.group(3)).isEqualTo(200);
            assertThat(frames(image.body())).containsExactly(1, 256, 144);
        }
        assertThat(vtt.body()).startsWith("WEBVTT\n");
        assertThat(cues).containsExactly("00:00:00.000 00:00:01.000 time=0s&height=144&width=256",
                "00:00:01.000 00:00:02.000 time=1s&height=144&width=256");
        assertThat(tokens).as("one token serves every tile").containsOnly(tokens.get(0));
        JsonObject claims = verifiedClaims(tokens.get(0));
        assertThat(claims.getString("sub")).isEqualTo(ready.getString("playbackId"));
        assertThat(claims.getJsonNumber("exp").longValue()).as("the tiles end with the storyboard")
                .isEqualTo(expiresAt.getEpochSecond());
        assertThat(claims.containsKey("downloadable")).isFalse();
    }

    @Test
    void anotherUsersVideoIsNotFoundForEveryRendition() {
        String owner = userToken("cf-owner-" + UUID.randomUUID());
        String stranger = userToken("cf-stranger-" + UUID.randomUUID());
        String id = readyVideo(owner).getString("id");
        String uid = json(get("/api/videos/" + id, owner)).getString("playbackId");
        long before = CLOUDFLARE.calls().stream().filter(c -> c.path().contains(uid)).count();

        for (String path : new String[]{"/download", "/animated", "/storyboard", "/thumbnail", ""}) {
            assertProblem(get("/api/videos/" + id + path, stranger), 404, "VIDEO_NOT_FOUND");
        }
        assertThat(CLOUDFLARE.calls().stream().filter(c -> c.path().contains(uid)).count()).as("Cloudflare never hears of it")
                .isEqualTo(before);
    }

    /** The same token with one character of its signature changed (not the last: it may carry only padding bits). */
    private static String tampered(String jwt) {
        int at = jwt.lastIndexOf('.') + 10;
        char c = jwt.charAt(at);
        return jwt.substring(0, at) + (c == 'A' ? 'B' : 'A') + jwt.substring(at + 1);
    }

    /** Frame count, width and height of a GIF or JPEG. */
    private static int[] frames(byte[] image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertThat(readers.hasNext()).as("an image").isTrue();
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[]{reader.getNumImages(true), reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }
}
