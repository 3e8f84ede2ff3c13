package com.yourbit.video.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.Captions.WEBVTT;
import static com.yourbit.video.it.Captions.delete;
import static com.yourbit.video.it.Captions.list;
import static com.yourbit.video.it.Captions.put;
import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.assertProblem;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Captions of local videos end to end, and the captions API's refusals: added, listed with a
 * signed URL, served as HLS subtitles (master playlist, WebVTT media playlist and segments
 * lined up with the video's, X-TIMESTAMP-MAP at the segments' first PTS as ffprobe reads it),
 * shown by hls.js in Chromium at their time, replaced, removed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CaptionsIT {

    private static final String PAGE_HOST = "app.example.test";
    private static final Path CLIPS = Path.of("target", "captions-it");
    private static final Pattern MPEGTS = Pattern.compile("X-TIMESTAMP-MAP=MPEGTS:(\\d+),LOCAL:00:00:00\\.000");

    /** One ready local video (8 s: two segments) and its owner, shared by the tests that need one. */
    private static String owner;
    private static String video;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** Another ready video of the same clip. */
    private static String uploadedReadyVideo(String token) {
        try {
            String id = TusUpload.upload(token, CLIPS.resolve("captions.mp4"));
            assertThat(Server.awaitProcessed(id, token).getString("status")).isEqualTo("ready");
            return id;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void readyVideo() throws Exception {
        Files.createDirectories(CLIPS);
        Path clip = CLIPS.resolve("captions.mp4");
        Commands.output(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "8",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()));
        owner = userToken("captions-" + UUID.randomUUID());
        video = TusUpload.upload(owner, clip);
        JsonObject ready = Server.awaitProcessed(video, owner);
        assertThat(ready.getString("status")).as(ready.toString()).isEqualTo("ready");
    }

    @Test
    void aCaptionIsAddedListedServedAsHlsSubtitlesReplacedAndRemoved() throws Exception {
        HttpResponse<String> created = put(owner, video, "EN-gb", "label=English%20(UK)", WEBVTT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/api/videos/" + video + "/captions/en-GB");
        JsonObject caption = json(created);
        assertThat(caption.getString("lang")).isEqualTo("en-GB");
        assertThat(caption.getString("label")).isEqualTo("English (UK)");
        assertThat(caption.getString("status")).isEqualTo("ready"); // the local provider serves it at once
        assertThat(caption.keySet()).containsExactlyInAnyOrder("lang", "label", "status");

        JsonObject listed = list(owner, video);
        assertThat(listed.keySet()).containsExactly("items");
        JsonObject item = listed.getJsonArray("items").getJsonObject(0);
        assertThat(item.keySet()).containsExactlyInAnyOrder("lang", "label", "status", "url");
        String url = item.getString("url");
        assertThat(url).contains("/media/" + video + "/captions/en-GB.vtt?token=");
        HttpResponse<String> file = send(HttpRequest.newBuilder(URI.create(url)).build());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).get().asString().startsWith("text/vtt");
        assertThat(file.body()).isEqualTo(WEBVTT);
        // The token is for this video: another path is refused.
        String otherVideo = url.replace(video, UUID.randomUUID().toString());
        assertThat(send(HttpRequest.newBuilder(URI.create(otherVideo)).build()).statusCode()).isEqualTo(401);

        // HLS: the master playlist lists the track and every variant names its group.
        String masterUrl = json(get("/api/videos/" + video + "/playback?ttl=600", owner)).getString("url");
        String master = send(HttpRequest.newBuilder(URI.create(masterUrl)).build()).body();
        List<String> lines = master.lines().toList();
        String media = lines.stream().filter(l -> l.startsWith("#EXT-X-MEDIA:")).findFirst().orElseThrow(() ->
                new AssertionError("no EXT-X-MEDIA in " + master));
        assertThat(media).startsWith("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English (UK)\",LANGUAGE=\"en-GB\",")
                .contains("AUTOSELECT=YES").contains("URI=\"captions/en-GB/index.m3u8?token=");
        assertThat(lines.stream().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(",SUBTITLES=\"subs\""));

        // The subtitle playlist's segments have the video segments' durations.
        String rung = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        String videoPlaylist = send(HttpRequest.newBuilder(URI.create(masterUrl).resolve(rung)).build()).body();
        String subtitleUri = media.substring(media.indexOf("URI=\"") + 5, media.length() - 1);
        URI subtitlePlaylistUrl = URI.create(masterUrl).resolve(subtitleUri);
        String subtitlePlaylist = send(HttpRequest.newBuilder(subtitlePlaylistUrl).build()).body();
        assertThat(extinf(subtitlePlaylist)).hasSize(2).isEqualTo(extinf(videoPlaylist));
        assertThat(subtitlePlaylist).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");
        List<String> segments = subtitlePlaylist.lines().filter(l -> l.startsWith("seg")).toList();
        assertThat(segments).hasSize(2).allSatisfy(s -> assertThat(s).matches("seg0000[01]\\.vtt\\?token=.+"));

        // Each segment holds its cues, mapped to the first PTS of the video's segments.
        String first = send(HttpRequest.newBuilder(subtitlePlaylistUrl.resolve(segments.get(0))).build()).body();
        String second = send(HttpRequest.newBuilder(subtitlePlaylistUrl.resolve(segments.get(1))).build()).body();
        assertThat(first).startsWith("WEBVTT\nX-TIMESTAMP-MAP=").contains("Hello captions").doesNotContain("Second segment");
        assertThat(second).contains("Second segment").doesNotContain("Hello captions");
        Matcher map = MPEGTS.matcher(first);
        assertThat(map.find()).as(first).isTrue();
        String videoSegment = videoPlaylist.lines().filter(l -> l.startsWith("seg")).findFirst().orElseThrow();
        long videoStart = firstVideoPts(URI.create(masterUrl).resolve(rung).resolve(videoSegment));
        assertThat(Long.parseLong(map.group(1))).as("X-TIMESTAMP-MAP's MPEGTS: the first picture's PTS as ffprobe reads it")
                .isEqualTo(videoStart);
        assertThat(videoStart).as("ffmpeg's segments do not start at 0, which is why the map matters").isGreaterThan(0);

        // hls.js in Chromium lists the track and shows the cue at its time.
        JsonObject played = NodeScript.run("hls-captions.mjs", masterUrl, PAGE_HOST, "Hello captions");
        assertThat(played.getBoolean("ok")).as(played.toString()).isTrue();
        assertThat(played.getJsonArray("subtitleTracks").getJsonObject(0).getString("name")).isEqualTo("English (UK)");
        assertThat(played.getJsonArray("subtitleTracks").getJsonObject(0).getString("lang")).isEqualTo("en-GB");
        assertThat(played.getJsonNumber("activeSeenAt").doubleValue()).as(played.toString()).isBetween(1.0, 3.0);
        JsonObject shown = played.getJsonArray("textTracks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("language").equals("en-GB")).findFirst().orElseThrow(() -> new AssertionError(played));
        JsonObject cue = shown.getJsonArray("cues").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("text").equals("Hello captions")).findFirst().orElseThrow(() -> new AssertionError(played));
        // hls.js counts its media time from the first DTS (1.4 s), the map from the first picture
        // (1.48 s at 25 fps with B-frames): in hls.js's time the cue is 2 frames later, with its picture.
        assertThat(cue.getJsonNumber("start").doubleValue()).isCloseTo(1.0, within(0.1));
        assertThat(cue.getJsonNumber("end").doubleValue() - cue.getJsonNumber("start").doubleValue()).isCloseTo(2.0, within(0.001));

        // Replaced: 200, the new text and label; the old file is gone.
        String replacement = WEBVTT.replace("Hello captions", "Hello again");
        HttpResponse<String> replaced = put(owner, video, "en-GB", null, replacement);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).getString("label")).isEqualTo("English (United Kingdom)");
        assertThat(send(HttpRequest.newBuilder(URI.create(list(owner, video).getJsonArray("items").getJsonObject(0)
                .getString("url"))).build()).body()).isEqualTo(replacement);

        // Removed: 204, gone from the list and the playlist; removing again is 404.
        assertThat(delete(owner, video, "en-gb").statusCode()).isEqualTo(204);
        assertThat(list(owner, video).getJsonArray("items")).isEmpty();
        assertThat(send(HttpRequest.newBuilder(URI.create(masterUrl)).build()).body()).doesNotContain("SUBTITLES");
        assertThat(send(HttpRequest.newBuilder(subtitlePlaylistUrl).build()).statusCode()).isEqualTo(404);
        assertProblem(delete(owner, video, "en-GB"), 404, "NOT_FOUND");
    }

    @Test
    void invalidWebVttIs400NamingTheLineAndChangesNothing() {
        String bad = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nfine\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n";
        HttpResponse<String> refused = put(owner, video, "de", null, bad);
        assertProblem(refused, 400, "INVALID_REQUEST");
        assertThat(json(refused).getString("detail")).contains("line 6");
        assertProblem(put(owner, video, "de", null, "not a caption file"), 400, "INVALID_REQUEST");
        assertThat(json(put(owner, video, "de", null, "00:01.000 --> 00:02.000\nno header")).getString("detail"))
                .contains("line 1");
        HttpResponse<String> notUtf8 = send(api("/api/videos/" + video + "/captions/de", owner).header("Content-Type", "text/vtt")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'W', 'E', 'B', 'V', 'T', 'T', '\n', (byte) 0xff})).build());
        assertProblem(notUtf8, 400, "INVALID_REQUEST");
        assertThat(list(owner, video).getJsonArray("items").getValuesAs(JsonObject.class))
                .noneMatch(c -> c.getString("lang").equals("de"));
    }

    @Test
    void badTagsAndLabelsAre400() {
        for (String lang : List.of("english_language", "en-", "x-private", "de-DE-1901-1901", "a", "e%20n")) {
            assertProblem(put(owner, video, lang, null, WEBVTT), 400, "INVALID_REQUEST");
        }
        assertProblem(put(owner, video, "fr", "label=" + "x".repeat(129), WEBVTT), 400, "INVALID_REQUEST");
        assertProblem(put(owner, video, "fr", "label=a%0Ab", WEBVTT), 400, "INVALID_REQUEST");
        assertProblem(put(owner, video, "fr", "label=%E2%80%AEevil", WEBVTT), 400, "INVALID_REQUEST");
        assertProblem(put(owner, video, "fr", "label=%22quoted%22", WEBVTT), 400, "INVALID_REQUEST");
        assertProblem(put(owner, video, "fr", "label=%20%20", WEBVTT), 400, "INVALID_REQUEST");
        // Without a label, the language's own name.
        HttpResponse<String> french = put(owner, video, "fr", null, WEBVTT);
        assertThat(french.statusCode()).isEqualTo(201);
        assertThat(json(french).getString("label")).isEqualTo("Français");
        assertThat(delete(owner, video, "fr").statusCode()).isEqualTo(204);
    }

    @Test
    void aVideoNotReadyIs409AnotherUsersOrNoneIs404() {
        String token = userToken("captions-" + UUID.randomUUID());
        String preparing = createVideo(token, "not ready").getString("id");
        assertProblem(put(token, preparing, "en", null, WEBVTT), 409, "VIDEO_NOT_READY");
        assertThat(list(token, preparing).getJsonArray("items")).isEmpty();

        String stranger = userToken("captions-" + UUID.randomUUID());
        assertProblem(put(stranger, video, "en", null, WEBVTT), 404, "VIDEO_NOT_FOUND");
        assertProblem(get("/api/videos/" + video + "/captions", stranger), 404, "VIDEO_NOT_FOUND");
        assertProblem(delete(stranger, video, "en"), 404, "VIDEO_NOT_FOUND");
        assertProblem(put(stranger, UUID.randomUUID().toString(), "en", null, WEBVTT), 404, "VIDEO_NOT_FOUND");
        assertProblem(put(stranger, "not-a-uuid", "en", null, WEBVTT), 404, "VIDEO_NOT_FOUND");
        assertProblem(get("/api/videos/" + video + "/captions", null), 401);
    }

    @Test
    void aBodyAbove1MiBIs413AndAnotherTypeIs415() {
        StringBuilder big = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; big.length() <= 1024 * 1024; i++) {
            big.append(String.format("%02d:%02d.000 --> %02d:%02d.500\n%s\n\n", i / 60 % 60, i % 60, i / 60 % 60, i % 60,
                    "x".repeat(200)));
        }
        assertProblem(put(owner, video, "it", null, big.toString()), 413, "REQUEST_TOO_LARGE");
        // Without a Content-Length (chunked), the bound holds too.
        HttpResponse<String> chunked = send(api("/api/videos/" + video + "/captions/it", owner).header("Content-Type", "text/vtt")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build());
        assertProblem(chunked, 413, "REQUEST_TOO_LARGE");
        HttpResponse<String> json = send(api("/api/videos/" + video + "/captions/it", owner).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertProblem(json, 415);
        HttpResponse<String> srt = send(api("/api/videos/" + video + "/captions/it", owner)
                .header("Content-Type", "application/x-subrip").PUT(HttpRequest.BodyPublishers.ofString(WEBVTT)).build());
        assertProblem(srt, 415);
        assertThat(list(owner, video).getJsonArray("items").getValuesAs(JsonObject.class))
                .noneMatch(c -> c.getString("lang").equals("it"));
    }

    @Test
    void aVideoHoldsAtMost32CaptionsAndAReplacementIsAlwaysTaken() {
        String token = userToken("captions-" + UUID.randomUUID());
        String many = uploadedReadyVideo(token);
        for (int i = 0; i < 32; i++) {
            String lang = "x" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
            HttpResponse<String> added = put(token, many, lang, null, WEBVTT);
            assertThat(added.statusCode()).as(lang + " " + added.body()).isEqualTo(201);
        }
        assertProblem(put(token, many, "de", null, WEBVTT), 409, "CAPTION_LIMIT_EXCEEDED");
        assertThat(put(token, many, "xaa", "label=again", WEBVTT).statusCode()).isEqualTo(200);
        assertThat(list(token, many).getJsonArray("items")).hasSize(32);
        assertThat(delete(token, many, "xaa").statusCode()).isEqualTo(204);
        assertThat(put(token, many, "de", null, WEBVTT).statusCode()).isEqualTo(201);
    }

    @Test
    void aCaptionFileNeedsAValidTokenForThatVideo() {
        HttpResponse<String> added = put(owner, video, "es", null, WEBVTT);
        assertThat(added.statusCode()).isEqualTo(201);
        String url = list(owner, video).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("lang").equals("es")).findFirst().orElseThrow().getString("url");
        String base = url.substring(0, url.indexOf("?token="));
        assertThat(send(HttpRequest.newBuilder(URI.create(base)).build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "?token=forged")).build()).statusCode()).isEqualTo(401);
        // A thumbnail token is for the thumbnail only.
        String thumbnail = json(get("/api/videos/" + video + "/thumbnail", owner)).getString("url");
        String thumbnailToken = thumbnail.substring(thumbnail.indexOf("token=") + 6);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "?token=" + thumbnailToken)).build()).statusCode()).isEqualTo(401);
        assertThat(delete(owner, video, "es").statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(URI.create(url)).build()).statusCode()).isEqualTo(404);
        assertThat(list(owner, video).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(c -> c.get("url"))).doesNotContain(JsonValue.NULL);
    }

    private static List<Double> extinf(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
    }

    /** ffprobe's start_pts of the video stream of a segment fetched through its signed URL. */
    private static long firstVideoPts(URI segment) throws Exception {
        Path file = CLIPS.resolve("first-" + UUID.randomUUID() + ".ts");
        Files.write(file, Server.sendForBytes(HttpRequest.newBuilder(segment).build()).body());
        String out = Commands.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=start_pts",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString()));
        // The stream is listed under its program and on its own: the same value twice.
        return Long.parseLong(out.strip().lines().findFirst().orElseThrow().strip());
    }
}
