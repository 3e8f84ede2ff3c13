package com.yourbit.video.providers.local;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.HostedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The media pipeline with the real ffprobe and ffmpeg (on the PATH here and in CI). */
class MediaPipelineTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final String ID = "upload-0123456789abcdef";
    private static final String OTHER = "upload-fedcba9876543210";

    @TempDir
    Path dir;

    private final List<ProviderUpdate> reported = new CopyOnWriteArrayList<>();
    private final LadderEncoder encoder = new LadderEncoder("ffmpeg");

    /** Messages sent with a delay (the broker holds them back). */
    private final List<String> later = new CopyOnWriteArrayList<>();

    private MediaPipeline pipeline(MediaJobs jobs, List<Runnable> queue) {
        return pipeline(jobs, queue, DefaultLadder::settings);
    }

    private MediaPipeline pipeline(MediaJobs jobs, List<Runnable> queue, Supplier<LadderSettings> ladder) {
        return pipeline(jobs, queue, ladder, hls());
    }

    private MediaPipeline pipeline(MediaJobs jobs, List<Runnable> queue, Supplier<LadderSettings> ladder, HlsRenditions hls) {
        TestJobQueue<MediaPipeline> messages = TestJobQueue.pipeline(queue, later);
        return messages.deliveringTo(new MediaPipeline(LOCAL, jobs, id -> dir.resolve("uploads").resolve(id + ".bin"),
                new MediaProbe("ffprobe"), hls, encoder, new RenditionMeter("ffprobe"),
                new Thumbnailer("ffmpeg", dir.resolve("thumbnails"), Long.MAX_VALUE), ladder,
                messages.sender(), Clock.systemUTC()));
    }

    private HlsRenditions hls() {
        return new HlsRenditions(dir.resolve("hls"));
    }

    private void makeVideo(String id, String size, int seconds) throws Exception {
        Files.createDirectories(dir.resolve("uploads"));
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=25:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "mpeg4", "-c:a", "aac", "-f", "mp4", dir.resolve("uploads").resolve(id + ".bin").toString()))
                .redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(output).isZero();
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    private Path rendition(String id) {
        return dir.resolve("hls").resolve(id);
    }

    private List<String> masterLists(String id) throws Exception {
        return Files.readString(rendition(id).resolve(HostedMedia.PLAYLIST)).lines()
                .filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void aVideoIsReadyWithItsSmallestRenditionAndThenGetsTheRestOfTheLadder() throws Exception {
        makeVideo(ID, "640x360", 3);
        List<Runnable> queue = new ArrayList<>();
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        MediaPipeline pipeline = pipeline(jobs, queue);
        pipeline.connect(reported::add);

        pipeline.start(ID);
        pipeline.start(ID);
        assertThat(queue).as("a second start queues nothing").hasSize(1);
        queue.remove(0).run();

        assertThat(reported).hasSize(1);
        ProviderUpdate ready = reported.get(0);
        assertThat(ready.state()).isEqualTo(ProviderState.READY);
        assertThat(ready.uploadId()).isEqualTo(UploadId.of(ID));
        assertThat(ready.ready().durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(ready.ready().aspectRatio()).isEqualTo("16:9");
        assertThat(ready.media().renditions()).extracting(Rendition::name, Rendition::width, Rendition::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("240p", 426, 240));
        assertThat(ready.media().renditions().get(0).bitrate()).isPositive();
        assertThat(masterLists(ID)).containsExactly("240p/index.m3u8");
        assertThat(queue).as("the rest of the ladder is queued").hasSize(1);
        assertThat(Files.exists(dir.resolve("thumbnails").resolve(ID))).as("the thumbnail waits until after ready").isFalse();

        runAll(queue);

        try (var thumbs = Files.list(dir.resolve("thumbnails").resolve(ID))) {
            assertThat(thumbs).as("the default thumbnail is rendered").hasSize(1);
        }
        assertThat(reported).hasSize(2);
        ProviderUpdate media = reported.get(1);
        assertThat(media.state()).isEqualTo(ProviderState.MEDIA);
        assertThat(media.media().renditions()).extracting(Rendition::name).containsExactly("240p", "360p");
        assertThat(masterLists(ID)).containsExactly("240p/index.m3u8", "360p/index.m3u8");
        for (String rung : List.of("240p", "360p")) {
            MediaProbe.VideoFacts facts = new MediaProbe("ffprobe").probe(rendition(ID).resolve(rung).resolve("index.m3u8"))
                    .orElseThrow();
            assertThat(facts.videoCodec()).isEqualTo("h264");
            assertThat(facts.audioCodec()).isEqualTo("aac");
            assertThat(facts.durationSeconds()).isCloseTo(3.0, within(0.2));
        }
        String master = Files.readString(rendition(ID).resolve(HostedMedia.PLAYLIST));
        assertThat(master).contains("RESOLUTION=640x360,FRAME-RATE=25.000,CODECS=\"avc1.64001e,mp4a.40.2\"");
        assertThat(jobs.all()).as("a reported job is done").isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("hls"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no scratch left").containsExactly(ID);
        }
    }

    /**
     * Removing a deleted video's renditions can take seconds (on S3, a request per object):
     * only that video's own media waits for it, not another video's rendition being put in
     * place. Seen: a move's deletion of the old local asset held every video's pipeline for
     * 10 s on the S3 backend.
     */
    @Test
    void aDeletionStillRemovingItsRenditionsHoldsUpNoOtherVideo() throws Exception {
        makeVideo(ID, "320x180", 2);
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        HlsRenditions slowToDelete = new HlsRenditions(dir.resolve("hls")) {
            @Override
            public void delete(String uploadId) throws IOException {
                if (uploadId.equals(OTHER)) {
                    deleting.countDown();
                    try {
                        mayEnd.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.delete(uploadId);
            }
        };
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(new MediaJobs(dir.resolve("jobs")), queue, DefaultLadder::settings, slowToDelete);
        pipeline.connect(reported::add);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> discard = threads.submit(() -> {
                pipeline.discard(OTHER);
                return null;
            });
            assertThat(deleting.await(10, TimeUnit.SECONDS)).isTrue();

            pipeline.start(ID);
            java.util.concurrent.Future<?> firstStage = threads.submit(() -> queue.remove(0).run());
            firstStage.get(60, TimeUnit.SECONDS);
            assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY);
            assertThat(masterLists(ID)).containsExactly("180p/index.m3u8");

            mayEnd.countDown();
            discard.get(10, TimeUnit.SECONDS);
        } finally {
            mayEnd.countDown();
            threads.shutdownNow();
        }
    }

    /** Another video's first rendition does not wait for a long ladder queued before it. */
    @Test
    void theRestOfTheLadderWaitsBehindJobsQueuedMeanwhile() throws Exception {
        makeVideo(ID, "640x360", 1);
        makeVideo(OTHER, "640x360", 1);
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        pipeline.connect(reported::add);
        pipeline.start(ID);
        pipeline.start(OTHER);

        runAll(queue);

        assertThat(reported).extracting(u -> u.uploadId().value() + " " + u.state())
                .containsExactly(ID + " READY", OTHER + " READY", ID + " MEDIA", OTHER + " MEDIA");
    }

    @Test
    void aVideoSmallerThanTheSmallestRungIsReadyAtItsOwnSize() throws Exception {
        makeVideo(ID, "320x180", 2);
        List<Runnable> queue = new ArrayList<>();
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        MediaPipeline pipeline = pipeline(jobs, queue);
        pipeline.connect(reported::add);
        pipeline.start(ID);

        runAll(queue);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY, ProviderState.MEDIA);
        assertThat(reported).allSatisfy(update -> assertThat(update.media().renditions())
                .extracting(Rendition::name, Rendition::width, Rendition::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("180p", 320, 180)));
        assertThat(masterLists(ID)).containsExactly("180p/index.m3u8");
        assertThat(jobs.all()).isEmpty();
    }

    @Test
    void aFileThatIsNotAVideoIsErroredWithAClearReason() throws Exception {
        Files.createDirectories(dir.resolve("uploads"));
        Files.writeString(dir.resolve("uploads").resolve(ID + ".bin"), "just some text\n".repeat(50));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        pipeline.connect(reported::add);
        pipeline.start(ID);

        runAll(queue);

        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).state()).isEqualTo(ProviderState.ERRORED);
        assertThat(reported.get(0).errorReason()).isEqualTo(MediaPipeline.NOT_A_VIDEO);
        assertThat(Files.exists(rendition(ID))).isFalse();
    }

    @Test
    void aJobQueuedWhenTheServerStoppedRunsAfterResume() throws Exception {
        makeVideo(ID, "320x180", 2);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> lostOnStop = new ArrayList<>();
        pipeline(jobs, lostOnStop).start(ID);
        assertThat(lostOnStop).hasSize(1); // the server stops before the job runs

        List<Runnable> queue = new ArrayList<>();
        MediaPipeline restarted = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        restarted.connect(reported::add);
        restarted.resume();
        runAll(queue);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY, ProviderState.MEDIA);
        assertThat(jobs.all()).isEmpty();
    }

    /**
     * The server stops while the rest of the ladder is encoded: after a restart the ladder is
     * finished, the first rendition is not made again, and what the dead run's orphaned ffmpeg
     * left in its scratch directory is removed.
     */
    @Test
    void aLadderInterruptedByAStopIsFinishedAfterResumeWithoutRedoingTheFirstRendition() throws Exception {
        makeVideo(ID, "640x360", 2);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> beforeStop = new ArrayList<>();
        MediaPipeline first = pipeline(jobs, beforeStop);
        first.connect(reported::add);
        first.start(ID);
        beforeStop.remove(0).run();
        assertThat(beforeStop).as("the ladder's run, lost with the server").hasSize(1);
        Path firstSegment = rendition(ID).resolve("240p").resolve("seg00000.ts");
        Object madeOnce = Files.readAttributes(firstSegment, BasicFileAttributes.class).fileKey();
        Path orphans = Files.createDirectories(dir.resolve("hls").resolve(ID + ".partial").resolve("run4711").resolve("360p"));
        Files.writeString(orphans.resolve("seg00007.ts"), "written by an orphaned ffmpeg");

        List<Runnable> queue = new ArrayList<>();
        MediaPipeline restarted = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        restarted.connect(reported::add);
        restarted.resume();
        runAll(queue);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY, ProviderState.MEDIA);
        assertThat(reported.get(1).media().renditions()).extracting(Rendition::name).containsExactly("240p", "360p");
        assertThat(Files.readAttributes(firstSegment, BasicFileAttributes.class).fileKey()).isEqualTo(madeOnce);
        assertThat(masterLists(ID)).containsExactly("240p/index.m3u8", "360p/index.m3u8");
        try (Stream<Path> left = Files.list(dir.resolve("hls"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(ID);
        }
        try (Stream<Path> files = Files.list(rendition(ID).resolve("360p"))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("seg00007.ts").contains("seg00000.ts");
        }
        assertThat(jobs.all()).isEmpty();
    }

    @Test
    void anOutcomeTheDomainCouldNotTakeIsOfferedAgain() throws Exception {
        makeVideo(ID, "640x360", 1);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(jobs, queue);
        Consumer<ProviderUpdate> unavailable = u -> {
            throw new IllegalStateException("database down");
        };
        pipeline.connect(unavailable);
        pipeline.start(ID);
        runAll(queue);
        assertThat(jobs.job(ID)).get().extracting(MediaJobs.Job::stage).isEqualTo(MediaJobs.Stage.DONE);

        pipeline.connect(reported::add);
        pipeline.resume();
        assertThat(queue).as("nothing is processed twice").isEmpty();
        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY);
        assertThat(reported.get(0).media().renditions()).extracting(Rendition::name).containsExactly("240p", "360p");
        assertThat(jobs.all()).isEmpty();
    }

    /** Settings that cannot be read are the operator's to fix: the job waits instead of failing the video. */
    @Test
    void aJobWaitsWhileTheLadderSettingsAreWrong() throws Exception {
        makeVideo(ID, "320x180", 1);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline broken = pipeline(jobs, queue, () -> DefaultLadder.with(java.util.Map.of("encoder-preset", "turbo")));
        broken.connect(reported::add);
        broken.start(ID);
        runAll(queue);

        assertThat(reported).isEmpty();
        assertThat(jobs.job(ID)).get().extracting(MediaJobs.Job::stage).isEqualTo(MediaJobs.Stage.FIRST_RENDITION);
        assertThat(later).as("the job looks again later").containsExactly(ID);
    }

    /** Deleted while its ladder is encoded: ffmpeg is stopped, nothing is left on disk or reported after. */
    @Test
    void deletingAVideoWhileItsLadderIsEncodedStopsItAndLeavesNothing() throws Exception {
        makeVideo(ID, "1280x720", 12);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(jobs, queue);
        pipeline.connect(reported::add);
        jobs.enqueue(ID); // ready already, its ladder to be made
        jobs.update(ID, new MediaJobs.Job(MediaJobs.Stage.LADDER, new MediaJobs.Outcome(true, 12.0, "16:9", null), true));
        pipeline.resume();

        CompletableFuture<Void> ladder = CompletableFuture.runAsync(queue.remove(0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!encoder.isRunning(ID) && !ladder.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(encoder.isRunning(ID)).as("the ladder's ffmpeg runs").isTrue();
        long stoppedAt = System.nanoTime();
        pipeline.discard(ID);
        ladder.get(30, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt)).as("ffmpeg was stopped").isLessThan(3);
        assertThat(reported).as("nothing reported after the delete").isEmpty();
        assertThat(queue).isEmpty();
        assertThat(jobs.all()).isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("hls"))) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("thumbnails").resolve(ID))).isFalse();
    }

    /** The application stops mid-ladder: ffmpeg is ended, the job is left as it was and finishes after the next start. */
    @Test
    void aStopEndsTheRunningFfmpegAndTheJobFinishesAfterTheNextStart() throws Exception {
        makeVideo(ID, "1280x720", 12);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline stopping = pipeline(jobs, queue);
        stopping.connect(reported::add);
        jobs.enqueue(ID);
        MediaJobs.Job ladderLeft = new MediaJobs.Job(MediaJobs.Stage.LADDER, new MediaJobs.Outcome(true, 12.0, "16:9", null), true);
        jobs.update(ID, ladderLeft);
        stopping.resume();

        CompletableFuture<Void> ladder = CompletableFuture.runAsync(queue.remove(0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!encoder.isRunning(ID) && !ladder.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(encoder.isRunning(ID)).as("the ladder's ffmpeg runs").isTrue();
        stopping.close();
        assertThatThrownBy(() -> ladder.get(30, TimeUnit.SECONDS)).as("the message is not acknowledged")
                .hasCauseInstanceOf(JobStoppedException.class);

        assertThat(queue).as("nothing more is started").isEmpty();
        assertThat(reported).isEmpty();
        assertThat(jobs.job(ID)).contains(ladderLeft);

        List<Runnable> next = new ArrayList<>();
        MediaPipeline restarted = pipeline(new MediaJobs(dir.resolve("jobs")), next);
        restarted.connect(reported::add);
        restarted.resume();
        runAll(next);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.MEDIA);
        assertThat(reported.get(0).media().renditions()).extracting(Rendition::name)
                .containsExactly("240p", "360p", "480p", "720p");
        assertThat(jobs.all()).isEmpty();
    }

    /**
     * Killed while the first rendition was encoded: the message comes back, and the start sends
     * another for the unfinished job. The deliveries run one after the other, each doing what
     * the job file says is left: the video is ready once, gets its ladder once, and what the
     * dead run's ffmpeg wrote is neither served nor mixed into the rendition.
     */
    @Test
    void aRedeliveredJobFinishesWhatADeadRunLeftAndTheDuplicateMessageChangesNothing() throws Exception {
        makeVideo(ID, "640x360", 2);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        jobs.enqueue(ID);
        Path deadRun = Files.createDirectories(dir.resolve("hls").resolve(ID + ".partial").resolve("run1").resolve("240p"));
        Files.writeString(deadRun.resolve("seg00000.ts"), "half a segment from ffmpeg killed with its node");
        Files.writeString(deadRun.resolve("index.m3u8"), "#EXTM3U\n");

        List<Runnable> queue = new ArrayList<>();
        MediaPipeline restarted = pipeline(new MediaJobs(dir.resolve("jobs")), queue);
        restarted.connect(reported::add);
        restarted.deliver(ID, 2); // the redelivered message
        restarted.resume(); // the start's message for the unfinished job
        runAll(queue);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY, ProviderState.MEDIA);
        assertThat(reported.get(1).media().renditions()).extracting(Rendition::name).containsExactly("240p", "360p");
        assertThat(Files.readAllBytes(rendition(ID).resolve("240p").resolve("seg00000.ts")))
                .startsWith(0x47); // an MPEG-TS packet, not the dead run's bytes
        try (Stream<Path> left = Files.list(dir.resolve("hls"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(ID);
        }
        assertThat(jobs.all()).isEmpty();
    }

    /** Another node (sharing the storage directory) runs the job: a second delivery does not run it at the same time. */
    @Test
    void aDeliveryOfAJobAnotherRunHoldsLeavesItToThatRun() throws Exception {
        makeVideo(ID, "1280x720", 12);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline nodeA = pipeline(jobs, queue);
        nodeA.connect(reported::add);
        jobs.enqueue(ID);
        jobs.update(ID, new MediaJobs.Job(MediaJobs.Stage.LADDER, new MediaJobs.Outcome(true, 12.0, "16:9", null), true));
        CompletableFuture<Void> ladder = CompletableFuture.runAsync(() -> nodeA.deliver(ID, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!encoder.isRunning(ID) && !ladder.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(encoder.isRunning(ID)).as("node A's ffmpeg runs").isTrue();

        LadderEncoder otherEncoder = new LadderEncoder("ffmpeg");
        List<Runnable> otherQueue = new ArrayList<>();
        TestJobQueue<MediaPipeline> messages = TestJobQueue.pipeline(otherQueue, later);
        MediaPipeline nodeB = messages.deliveringTo(new MediaPipeline(LOCAL, new MediaJobs(dir.resolve("jobs")),
                id -> dir.resolve("uploads").resolve(id + ".bin"), new MediaProbe("ffprobe"), hls(), otherEncoder,
                new RenditionMeter("ffprobe"), new Thumbnailer("ffmpeg", dir.resolve("thumbnails"), Long.MAX_VALUE),
                DefaultLadder::settings, messages.sender(), Clock.systemUTC()));
        nodeB.connect(reported::add);
        long before = System.nanoTime();
        nodeB.deliver(ID, 1);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before)).as("returned at once").isLessThan(2);
        assertThat(ladder).as("node A still encodes").isNotDone();
        assertThat(otherQueue).isEmpty();

        ladder.get(120, TimeUnit.SECONDS);
        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.MEDIA);
        assertThat(jobs.all()).isEmpty();
    }

    /**
     * A message that keeps coming back (its runs die with their node, or throw) must not loop
     * forever: past the limit its first rendition is given up and the video errored, once.
     */
    @Test
    void aFirstRenditionWhoseMessageKeepsComingBackIsGivenUpAndTheVideoErrored() throws Exception {
        makeVideo(ID, "320x180", 1);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(jobs, queue);
        pipeline.connect(reported::add);
        jobs.enqueue(ID);

        pipeline.deliver(ID, MediaPipeline.MAX_ATTEMPTS + 1);
        pipeline.deliver(ID, MediaPipeline.MAX_ATTEMPTS + 2); // and once more: nothing left to do

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.ERRORED);
        assertThat(reported.get(0).errorReason()).isEqualTo(MediaPipeline.NOT_PROCESSED);
        assertThat(queue).isEmpty();
        assertThat(jobs.all()).isEmpty();
        assertThat(Files.exists(rendition(ID))).as("no ffmpeg run").isFalse();
    }

    /** Given up in the ladder: the video stays ready with the renditions made so far. */
    @Test
    void aLadderWhoseMessageKeepsComingBackEndsWithTheRenditionsMadeSoFar() throws Exception {
        makeVideo(ID, "640x360", 1);
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<Runnable> queue = new ArrayList<>();
        MediaPipeline pipeline = pipeline(jobs, queue);
        pipeline.connect(reported::add);
        pipeline.start(ID);
        queue.remove(0).run(); // the first rendition
        assertThat(queue).as("the ladder's message").hasSize(1);
        queue.clear();

        pipeline.deliver(ID, MediaPipeline.MAX_ATTEMPTS + 1);

        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY, ProviderState.MEDIA);
        assertThat(reported.get(1).media().renditions()).extracting(Rendition::name).containsExactly("240p");
        assertThat(queue).isEmpty();
        assertThat(jobs.all()).isEmpty();
    }

    /** The broker was unreachable when the job was queued: the job is recorded, and a later sweep sends it, once. */
    @Test
    void aJobWhoseMessageCouldNotBeSentIsSentByALaterSweep() {
        MediaJobs jobs = new MediaJobs(dir.resolve("jobs"));
        List<String> sent = new ArrayList<>();
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        MediaPipeline pipeline = new MediaPipeline(LOCAL, jobs, id -> dir.resolve("uploads").resolve(id + ".bin"),
                new MediaProbe("ffprobe"), hls(), encoder, new RenditionMeter("ffprobe"),
                new Thumbnailer("ffmpeg", dir.resolve("thumbnails"), Long.MAX_VALUE), DefaultLadder::settings,
                (id, delay) -> {
                    if (brokerDown.get()) {
                        throw new IllegalStateException("the broker is unreachable");
                    }
                    sent.add(id);
                }, Clock.systemUTC());

        pipeline.start(ID);
        pipeline.sweep();
        assertThat(sent).isEmpty();
        assertThat(jobs.exists(ID)).isTrue();

        brokerDown.set(false);
        pipeline.sweep();
        pipeline.sweep();
        assertThat(sent).containsExactly(ID);
    }
}
