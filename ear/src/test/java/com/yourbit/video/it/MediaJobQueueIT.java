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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.get;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The media job queue's bound on concurrency, seen from outside: two videos uploaded together
 * are processed one job at a time (the default {@code video.media-jobs.concurrency} of 1: the
 * message-driven bean has one session), so never are ffmpeg or ffprobe processes of both
 * videos alive at once; and both end with their whole ladder.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MediaJobQueueIT {

    private static final Path CLIPS = Path.of("target", "media-job-queue-it");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void twoVideosUploadedTogetherAreProcessedOneJobAtATime() throws Exception {
        Files.createDirectories(CLIPS);
        Path clip = CLIPS.resolve("720p.mp4");
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()))
                .inheritIO().start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).isZero();
        byte[] bytes = Files.readAllBytes(clip);

        String token = userToken("queue-" + UUID.randomUUID());
        JsonObject first = createVideo(token, "first");
        JsonObject second = createVideo(token, "second");
        Set<String> uploads = Set.of(uploadToken(first), uploadToken(second));
        put(first, bytes);
        put(second, bytes);

        // Samples the machine's processes until both ladders are done: which of the two
        // uploads have a media process (ffmpeg, ffprobe) alive at the same instant.
        Set<String> seen = new TreeSet<>();
        int mostAtOnce = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!(ladderDone(first, token) && ladderDone(second, token)) && System.nanoTime() < deadline) {
            Set<String> busy = ProcessHandle.allProcesses()
                    .map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains("ffmpeg") || c.contains("ffprobe"))
                    .flatMap(c -> uploads.stream().filter(c::contains))
                    .collect(Collectors.toSet());
            seen.addAll(busy);
            mostAtOnce = Math.max(mostAtOnce, busy.size());
            Thread.sleep(20);
        }

        assertThat(ladderDone(first, token) && ladderDone(second, token)).as("both ladders done in time").isTrue();
        assertThat(seen).as("media processes of both uploads were seen").isEqualTo(uploads);
        assertThat(mostAtOnce).as("uploads with a media process alive at the same time").isEqualTo(1);
    }

    private static String uploadToken(JsonObject video) {
        String url = video.getJsonObject("upload").getString("url");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void put(JsonObject video, byte[] bytes) {
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(video.getJsonObject("upload").getString("url")))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 204);
    }

    /** Ready with the 720p clip's four rungs and its MP4 download made. */
    private static boolean ladderDone(JsonObject video, String token) {
        JsonObject now = json(get("/api/videos/" + video.getString("id"), token));
        return "ready".equals(now.getString("status")) && now.getJsonArray("renditions").size() == 4
                && "ready".equals(now.getString("download", ""));
    }
}
