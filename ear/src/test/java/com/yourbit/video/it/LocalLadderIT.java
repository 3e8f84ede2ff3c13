package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sendForBytes;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The local provider's adaptive ladder end to end: generated clips uploaded with tus, the
 * master playlist checked against ffprobe's reading of every segment fetched through the
 * signed URLs, each rendition read back whole, the video's {@code renditions}, hls.js
 * switching levels in Chromium when the bandwidth is capped, and the rung paths attacked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LocalLadderIT {

    private static final String ALLOWED_PAGE_HOST = "app.example.test";
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z-]+)=(\"[^\"]*\"|[^,]*)");
    private static final Path CLIPS = Path.of("target", "ladder-it");
    private static final int FPS = 25;

    private static Path landscape;
    private static Path portrait;
    private static Path abr;
    /** The portrait clip's video and its owner's token, uploaded once for the tests that read it. */
    private static String portraitVideo;
    private static String portraitOwner;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    /** A rung as the master playlist lists it, with its signed media playlist URL. */
    private record Variant(String name, Map<String, String> attributes, URI playlist) {
        long bandwidth() {
            return Long.parseLong(attributes.get("BANDWIDTH"));
        }

        String resolution() {
            return attributes.get("RESOLUTION");
        }
    }

    @BeforeAll
    static void makeClips() throws Exception {
        Files.createDirectories(CLIPS);
        landscape = clip("landscape.mp4", 1280, 720, 8, FPS);
        portrait = clip("portrait.mp4", 720, 1280, 4, FPS);
        // Long enough to switch down and up again; 15 frames a second halve its encoding.
        abr = clip("abr.mp4", 854, 480, 60, 15);
    }

    private static Path clip(String name, int width, int height, int seconds, int fps) throws Exception {
        Path file = CLIPS.resolve(name);
        Commands.output(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", file.toString()));
        return file;
    }

    @Test
    void aLandscapeVideoGetsEveryRungUpTo720pWithMeasuredAttributes() throws Exception {
        String token = userToken("ladder-" + UUID.randomUUID());
        String id = TusUpload.upload(token, landscape);
        JsonObject ready = Server.awaitProcessed(id, token);
        assertThat(ready.getString("status")).as(ready.toString()).isEqualTo("ready");
        JsonObject video = awaitRenditions(id, token, 4);

        String master = json(get("/api/videos/" + id + "/playback?ttl=600", token)).getString("url");
        List<Variant> variants = variants(master);
        assertThat(variants).extracting(Variant::name).containsExactly("240p", "360p", "480p", "720p");
        assertThat(variants).extracting(Variant::resolution).containsExactly("426x240", "640x360", "854x480", "1280x720");
        assertThat(variants).extracting(Variant::bandwidth).isSorted();

        Map<String, List<Double>> segmentStarts = new LinkedHashMap<>();
        for (Variant variant : variants) {
            segmentStarts.put(variant.name(), checkAgainstItsSegments(variant, 8.0));
        }
        // Aligned: every rendition's segments start at the same instants (each on a keyframe).
        assertThat(segmentStarts.values()).as("segment start times per rung").allSatisfy(starts ->
                assertThat(starts).isEqualTo(segmentStarts.get("240p")));
        assertThat(segmentStarts.get("240p")).hasSize(2); // 6 s + 2 s

        // The video's JSON lists the same renditions, each with its peak as bitrate.
        List<String> listed = video.getJsonArray("renditions").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("name") + " " + r.getInt("width") + "x" + r.getInt("height") + " "
                        + r.getJsonNumber("bitrate").longValue()).toList();
        assertThat(listed).containsExactlyElementsOf(variants.stream()
                .map(v -> v.name() + " " + v.resolution() + " " + v.bandwidth()).toList());
    }

    @Test
    void aPortraitVideoLaddersByItsShortSide() throws Exception {
        JsonObject video = portraitLaddered();
        assertThat(video.getString("aspectRatio")).isEqualTo("9:16");

        List<Variant> variants = variants(json(get("/api/videos/" + portraitVideo + "/playback", portraitOwner)).getString("url"));
        assertThat(variants).extracting(Variant::name).containsExactly("240p", "360p", "480p", "720p");
        assertThat(variants).extracting(Variant::resolution).containsExactly("240x426", "360x640", "480x854", "720x1280");
        for (Variant variant : variants) {
            checkAgainstItsSegments(variant, 4.0);
        }
    }

    /** The portrait clip, uploaded and laddered once for the tests that need it. */
    private static synchronized JsonObject portraitLaddered() throws Exception {
        if (portraitVideo == null) {
            String token = userToken("portrait-" + UUID.randomUUID());
            String id = TusUpload.upload(token, portrait);
            assertThat(Server.awaitProcessed(id, token).getString("status")).isEqualTo("ready");
            portraitOwner = token;
            portraitVideo = id;
        }
        return awaitRenditions(portraitVideo, portraitOwner, 4);
    }

    /**
     * hls.js in Chromium plays the master playlist at its top level, drops to a lower one when
     * a proxy caps the bandwidth at 1.5 times the lowest level's, and climbs again without the cap.
     */
    @Test
    void hlsJsSwitchesLevelsWhenTheBandwidthIsCapped() throws Exception {
        String token = userToken("abr-" + UUID.randomUUID());
        String id = TusUpload.upload(token, abr);
        assertThat(Server.awaitProcessed(id, token).getString("status")).isEqualTo("ready");
        awaitRenditions(id, token, 3);
        String master = json(get("/api/videos/" + id + "/playback?ttl=600", token)).getString("url");

        JsonObject played = NodeScript.run("hls-abr.mjs", master, ALLOWED_PAGE_HOST);

        assertThat(played.getBoolean("ok")).as(played.toString()).isTrue();
        assertThat(played.getBoolean("supported")).as("Chromium's MediaSource plays H.264").isTrue();
        List<JsonObject> levels = played.getJsonArray("levels").getValuesAs(JsonObject.class);
        assertThat(levels).extracting(l -> l.getInt("height")).containsExactly(240, 360, 480);
        List<JsonObject> switches = played.getJsonArray("switches").getValuesAs(JsonObject.class);
        long cap = played.getJsonNumber("capBitsPerSecond").longValue();
        JsonObject open = last(switches, "open");
        JsonObject capped = last(switches, "capped");
        JsonObject uncapped = last(switches, "uncapped");
        assertThat(open.getInt("level")).as(played.toString()).isEqualTo(2);
        assertThat(capped.getInt("level")).as(played.toString()).isLessThan(2);
        assertThat(levels.get(capped.getInt("level")).getJsonNumber("bitrate").longValue()).isLessThanOrEqualTo(cap);
        assertThat(uncapped.getInt("level")).as(played.toString()).isGreaterThan(capped.getInt("level"));
        assertThat(uncapped.getJsonNumber("at").doubleValue()).isGreaterThan(capped.getJsonNumber("at").doubleValue());
    }

    /**
     * A valid token opens the rung files and nothing else: traversal, encoded separators, odd
     * rung names and the measurement file beside the segments are all 4xx, never another file.
     */
    @Test
    void rungPathsServeTheirFilesAndNothingElse() throws Exception {
        portraitLaddered();
        String token = portraitOwner;
        String id = portraitVideo;
        String master = json(get("/api/videos/" + id + "/playback", token)).getString("url");
        String mediaToken = master.substring(master.indexOf("?token=") + 7);
        String base = "/media/" + id + "/";
        HttpResponse<String> playlist = send(HttpRequest.newBuilder(Server.url(base + "240p/index.m3u8?token=" + mediaToken)).build());
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXT-X-ENDLIST");

        List<String> failures = new ArrayList<>();
        for (String spelling : PathSpellings.of(base + "240p/index.m3u8")) {
            RawHttp.Answer answer = sendOrNull(spelling + "?token=" + mediaToken);
            if (answer == null) {
                continue; // closed without an answer: nothing served
            }
            boolean sameFile = answer.status() == 200 && answer.body().equals(playlist.body());
            if (!sameFile && (answer.status() < 400 || answer.status() >= 500)) {
                failures.add(spelling + " answered " + answer.status());
            }
        }
        for (String target : List.of(base + "240p/rendition.properties", base + "240p/..%2Frendition.properties",
                base + "240p%2Frendition.properties", base + "240p/..%2F..%2F..%2Fjobs", base + "..%2F..%2Fhls",
                base + "240p/seg000001.ts", base + "240p/seg0000.ts", base + "240P/index.m3u8", base + "0240p/index.m3u8",
                base + "24000p/index.m3u8", base + "index.m3u8", base + "240p/stream.m3u8", base + "240p/",
                base + "240p/index.m3u8%00.ts", base + "1".repeat(4000) + "p/index.m3u8",
                base + "240p/" + "seg00000.ts".repeat(300))) {
            RawHttp.Answer answer = sendOrNull(target + "?token=" + mediaToken);
            if (answer != null && (answer.status() < 400 || answer.status() >= 500 || answer.body().contains("bandwidth="))) {
                failures.add(target + " answered " + answer.status() + ": " + answer.body());
            }
        }
        assertThat(failures).isEmpty();

        // The token of one video opens no rung of another, and a thumbnail token none at all.
        JsonObject another = createVideo(token, "another");
        assertThat(send(HttpRequest.newBuilder(URI.create(another.getJsonObject("upload").getString("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Server.sample())).build()).statusCode()).isEqualTo(200);
        String other = another.getString("id");
        assertThat(Server.awaitProcessed(other, token).getString("status")).isEqualTo("ready");
        Server.assertProblem(send(HttpRequest.newBuilder(Server.url("/media/" + other + "/180p/index.m3u8?token=" + mediaToken))
                .build()), 401);
        String thumbnail = json(get("/api/videos/" + id + "/thumbnail?width=64", token)).getString("url");
        Server.assertProblem(send(HttpRequest.newBuilder(Server.url(base + "240p/seg00000.ts?"
                + thumbnail.substring(thumbnail.indexOf("token=")))).build()), 401);
        Server.assertProblem(send(HttpRequest.newBuilder(Server.url(base + "1080p/index.m3u8?token=" + mediaToken)).build()),
                404, "MEDIA_NOT_FOUND");
    }

    /**
     * Checks a rung's attributes against what ffprobe reads from every one of its segments,
     * fetched through the signed URLs, and the whole rendition read back through its media
     * playlist; returns its segments' start times.
     */
    private static List<Double> checkAgainstItsSegments(Variant variant, double seconds) throws Exception {
        HttpResponse<String> media = send(HttpRequest.newBuilder(variant.playlist()).build());
        assertThat(media.statusCode()).isEqualTo(200);
        String token = variant.playlist().getQuery().substring("token=".length());
        List<String> uris = media.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(uris).isNotEmpty().allSatisfy(u -> assertThat(u).matches("seg[0-9]{5}\\.ts\\?token=.+").endsWith(token));
        double target = Double.parseDouble(media.body().lines().filter(l -> l.startsWith("#EXT-X-TARGETDURATION:"))
                .findFirst().orElseThrow().substring("#EXT-X-TARGETDURATION:".length()));

        List<long[]> sizes = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        JsonObject firstVideo = null;
        JsonObject firstAudio = null;
        Path dir = Files.createTempDirectory(CLIPS, variant.name());
        for (String uri : uris) {
            HttpResponse<byte[]> segment = sendForBytes(HttpRequest.newBuilder(variant.playlist().resolve(uri)).build());
            assertThat(segment.statusCode()).isEqualTo(200);
            assertThat(segment.headers().firstValue("Content-Type")).contains("video/mp2t");
            Path file = Files.write(dir.resolve(uri.substring(0, uri.indexOf('?'))), segment.body());
            JsonObject probed = ffprobe("-show_streams", file.toString());
            JsonObject video = stream(probed, "video");
            durations.add(Double.parseDouble(video.getString("duration")));
            starts.add(Double.parseDouble(video.getString("start_time")));
            sizes.add(new long[] {segment.body().length});
            JsonObject firstFrame = ffprobe("-select_streams", "v", "-show_frames", "-read_intervals", "%+#1",
                    "-show_entries", "frame=key_frame,pict_type", file.toString()).getJsonArray("frames").getJsonObject(0);
            assertThat(firstFrame.getInt("key_frame")).as(variant.name() + " " + uri + " starts on a keyframe").isEqualTo(1);
            if (firstVideo == null) {
                firstVideo = video;
                firstAudio = stream(probed, "audio");
            }
        }

        // BANDWIDTH and AVERAGE-BANDWIDTH: bits over ffprobe's durations of the fetched segments
        // (RFC 8216 §4.1: the peak over runs of 0.5 to 1.5 target durations).
        long bits = 0;
        double total = 0;
        double peak = 0;
        for (int i = 0; i < sizes.size(); i++) {
            bits += sizes.get(i)[0] * 8;
            total += durations.get(i);
            long runBits = 0;
            double runSeconds = 0;
            for (int j = i; j < sizes.size(); j++) {
                runBits += sizes.get(j)[0] * 8;
                runSeconds += durations.get(j);
                if (runSeconds >= 0.5 * target && runSeconds <= 1.5 * target) {
                    peak = Math.max(peak, runBits / runSeconds);
                }
            }
        }
        Map<String, String> attributes = variant.attributes();
        assertThat((double) variant.bandwidth()).as(variant.name() + " BANDWIDTH").isCloseTo(peak, within(peak * 0.01));
        assertThat(Double.parseDouble(attributes.get("AVERAGE-BANDWIDTH"))).as(variant.name() + " AVERAGE-BANDWIDTH")
                .isCloseTo(bits / total, within(bits / total * 0.01));
        assertThat(attributes.get("RESOLUTION")).isEqualTo(firstVideo.getInt("width") + "x" + firstVideo.getInt("height"));
        assertThat(attributes.get("FRAME-RATE")).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", (double) FPS));
        assertThat(firstVideo.getString("r_frame_rate")).isEqualTo(FPS + "/1");
        // CODECS: avc1.PPCCLL with ffprobe's profile and level, mp4a.40.2 for AAC-LC.
        Matcher codecs = Pattern.compile("\"avc1\\.([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2}),mp4a\\.40\\.2\"")
                .matcher(attributes.get("CODECS"));
        assertThat(codecs.matches()).as(attributes.get("CODECS")).isTrue();
        assertThat(firstVideo.getString("profile")).isEqualTo("High");
        assertThat(Integer.parseInt(codecs.group(1), 16)).isEqualTo(100);
        assertThat(Integer.parseInt(codecs.group(3), 16)).isEqualTo(firstVideo.getInt("level"));
        assertThat(firstAudio.getString("profile")).isEqualTo("LC");

        // The whole rendition, read back through its signed media playlist.
        JsonObject whole = ffprobe("-count_packets", "-show_entries",
                "stream=codec_type,width,height,nb_read_packets:format=duration", variant.playlist().toString());
        JsonObject video = stream(whole, "video");
        assertThat(video.getInt("width") + "x" + video.getInt("height")).isEqualTo(variant.resolution());
        assertThat(Integer.parseInt(video.getString("nb_read_packets"))).as(variant.name() + " frames")
                .isEqualTo((int) Math.round(seconds * FPS));
        assertThat(Double.parseDouble(whole.getJsonObject("format").getString("duration"))).isCloseTo(seconds, within(0.2));
        assertThat(stream(whole, "audio")).isNotNull();
        return starts;
    }

    private static RawHttp.Answer sendOrNull(String target) {
        try {
            return RawHttp.send("GET", target, Map.of(), null);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause().getMessage() != null && e.getCause().getMessage().contains("without an answer")) {
                return null;
            }
            throw e;
        }
    }

    private static JsonObject last(List<JsonObject> switches, String phase) {
        return switches.stream().filter(s -> s.getString("phase").equals(phase)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no level switch while " + phase + ": " + switches));
    }

    private static List<Variant> variants(String masterUrl) {
        HttpResponse<String> master = send(HttpRequest.newBuilder(URI.create(masterUrl)).build());
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("Content-Type")).get().asString().startsWith("application/vnd.apple.mpegurl");
        assertThat(master.headers().firstValue("Cache-Control")).contains("private, no-cache");
        List<String> lines = master.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("#EXTM3U");
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#EXT-X-STREAM-INF:")) {
                Map<String, String> attributes = new LinkedHashMap<>();
                Matcher attribute = ATTRIBUTE.matcher(lines.get(i).substring("#EXT-X-STREAM-INF:".length()));
                while (attribute.find()) {
                    attributes.put(attribute.group(1), attribute.group(2));
                }
                assertThat(attributes).containsKeys("BANDWIDTH", "AVERAGE-BANDWIDTH", "RESOLUTION", "CODECS", "FRAME-RATE");
                String uri = lines.get(i + 1);
                assertThat(uri).matches("[0-9]+p/index\\.m3u8\\?token=.+");
                variants.add(new Variant(uri.substring(0, uri.indexOf('/')), attributes, URI.create(masterUrl).resolve(uri)));
            }
        }
        return variants;
    }

    /** The ladder grows after the video is ready: waits until it lists {@code count} renditions. */
    private static JsonObject awaitRenditions(String id, String token, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            JsonObject video = json(get("/api/videos/" + id, token));
            if (video.getJsonArray("renditions").size() >= count || System.nanoTime() > deadline) {
                assertThat(video.getJsonArray("renditions")).as(video.toString()).hasSize(count);
                return video;
            }
            Thread.sleep(250);
        }
    }

    private static JsonObject stream(JsonObject probed, String type) {
        return probed.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("codec_type").equals(type)).findFirst().orElse(null);
    }

    private static JsonObject ffprobe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error", "-of", "json"));
        command.addAll(List.of(args));
        String out = Commands.output(command);
        try (JsonReader reader = Json.createReader(new StringReader(out))) {
            return reader.readObject();
        }
    }
}
