package com.yourbit.video.providers.local;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.HostedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The media pipeline with the real ffprobe and ffmpeg (on the PATH here and in CI). */
class MediaPipelineTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final String ID = "upload-0123456789abcdef";

    @TempDir
    Path dir;

    private final List<ProviderUpdate> reported = new ArrayList<>();

    private MediaPipeline pipeline(MediaJobs jobs, List<Runnable> queue) {
        return new MediaPipeline(LOCAL, jobs, id -> dir.resolve("uploads").resolve(id + ".bin"),
                new MediaProbe("ffprobe"), new HlsPackager("ffmpeg", dir.resolve("hls")),
                new Thumbnailer("ffmpeg", dir.resolve("thumbnails"), Long.MAX_VALUE), queue::add, Clock.systemUTC());
    }

    private void makeVideo(String codec) throws Exception {
        Files.createDirectories(dir.resolve("uploads"));
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25:duration=3",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
                "-c:v", codec, "-c:a", "aac", "-f", "mp4", dir.resolve("uploads").resolve(ID + ".bin").toString()))
                .redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(output).isZero();
    }

    /** Starts the job of {@link #ID} on a connected pipeline and runs it to its end. */
    private void processToTheEnd() {
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        pipeline.connect(reported::add);
        pipeline.start(ID);
        runAll(queue);
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    @Test
    void aVideoThatNeedsTranscodingBecomesReadyWithAnHlsRendition() throws Exception {
        makeVideo("mpeg4");
        List<Runnable> queue = new ArrayList<>();
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        MediaPipeline pipeline = pipeline(jobs, queue);
        pipeline.connect(reported::add);

        pipeline.start(ID);
        pipeline.start(ID);
        assertThat(queue).as("a second start queues nothing").hasSize(1);
        runAll(queue);

        assertThat(reported).hasSize(1);
        ProviderUpdate update = reported.get(0);
        assertThat(update.state()).isEqualTo(ProviderState.READY);
        assertThat(update.uploadId()).isEqualTo(UploadId.of(ID));
        assertThat(update.ready().durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(update.ready().aspectRatio()).isEqualTo("16:9");
        Path playlist = dir.resolve("hls").resolve(ID).resolve(HostedMedia.PLAYLIST);
        assertThat(Files.readString(playlist)).contains("#EXT-X-ENDLIST").contains("seg00000.ts");
        MediaProbe.VideoFacts rendition = new MediaProbe("ffprobe").probe(playlist).orElseThrow();
        assertThat(rendition.videoCodec()).isEqualTo("h264");
        assertThat(rendition.audioCodec()).isEqualTo("aac");
        assertThat(jobs.all()).as("a reported job is done").isEmpty();
        try (var thumbs = Files.list(dir.resolve("thumbnails").resolve(ID))) {
            assertThat(thumbs).as("the default thumbnail is rendered").hasSize(1);
        }
    }

    @Test
    void h264WithAacIsCopiedNotEncoded() throws Exception {
        makeVideo("libx264");
        MediaProbe.VideoFacts facts = new MediaProbe("ffprobe").probe(dir.resolve("uploads").resolve(ID + ".bin")).orElseThrow();
        assertThat(HlsPackager.canCopy(facts)).isTrue();
        assertThat(HlsPackager.canCopy(new MediaProbe.VideoFacts(1.0, 2, 2, "1:1", "vp9", "opus"))).isFalse();

        processToTheEnd();
        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY);
    }

    @Test
    void aFileThatIsNotAVideoIsErroredWithAClearReason() throws Exception {
        Files.createDirectories(dir.resolve("uploads"));
        Files.writeString(dir.resolve("uploads").resolve(ID + ".bin"), "just some text\n".repeat(50));

        processToTheEnd();

        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).state()).isEqualTo(ProviderState.ERRORED);
        assertThat(reported.get(0).errorReason()).isEqualTo(MediaPipeline.NOT_A_VIDEO);
        assertThat(Files.exists(dir.resolve("hls").resolve(ID))).isFalse();
    }

    @Test
    void aJobQueuedWhenTheServerStoppedRunsAfterResume() throws Exception {
        makeVideo("mpeg4");
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> lostOnStop = new ArrayList<>();
        pipeline(jobs, lostOnStop).start(ID);
        assertThat(lostOnStop).hasSize(1); // the server stops before the job runs

        List<Runnable> queue = new ArrayList<>();
        MediaPipeline restarted = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        restarted.connect(reported::add);
        restarted.resume();
        runAll(queue);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY);
        assertThat(jobs.all()).isEmpty();
    }

    /** A killed server's ffmpeg may live on and write into its own scratch directory. */
    @Test
    void aRunAfterOneThatDiedHalfWayBuildsItsRenditionApartAndRemovesTheDeadOnes() throws Exception {
        makeVideo("mpeg4");
        Path runs = Files.createDirectories(dir.resolve("hls").resolve(ID + ".partial"));
        Files.writeString(runs.resolve("seg00000.ts"), "half a segment of a dead run, as versions before runs had their own");
        Path orphans = Files.createDirectories(runs.resolve("run4711"));
        Files.writeString(orphans.resolve("seg00007.ts"), "written by an orphaned ffmpeg");

        processToTheEnd();

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY);
        try (var names = Files.list(dir.resolve("hls"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(ID);
        }
        try (var segments = Files.list(dir.resolve("hls").resolve(ID))) {
            assertThat(segments.map(p -> p.getFileName().toString()))
                    .contains(HostedMedia.PLAYLIST, "seg00000.ts").doesNotContain("seg00007.ts");
        }
        assertThat(Files.readString(dir.resolve("hls").resolve(ID).resolve(HostedMedia.PLAYLIST))).contains("#EXTM3U");
    }

    @Test
    void anOutcomeTheDomainCouldNotTakeIsOfferedAgain() throws Exception {
        Files.createDirectories(dir.resolve("uploads"));
        Files.writeString(dir.resolve("uploads").resolve(ID + ".bin"), "text");
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(jobs, queue);
        Consumer<ProviderUpdate> unavailable = u -> {
            throw new IllegalStateException("database down");
        };
        pipeline.connect(unavailable);
        pipeline.start(ID);
        runAll(queue);
        assertThat(jobs.outcome(ID)).isPresent();

        pipeline.connect(reported::add);
        pipeline.resume();
        assertThat(queue).as("nothing is processed twice").isEmpty();
        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.ERRORED);
        assertThat(jobs.all()).isEmpty();
    }
}
