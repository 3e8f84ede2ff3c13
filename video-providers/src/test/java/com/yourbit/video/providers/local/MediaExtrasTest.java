package com.yourbit.video.providers.local;

import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The MP4 and storyboard jobs that follow the HLS work, with the real ffmpeg. */
class MediaExtrasTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final String ID = "upload-extras";

    @TempDir
    Path dir;

    private final List<ProviderUpdate> reported = new ArrayList<>();
    private final List<Runnable> queue = new ArrayList<>();
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T12:00:00Z"));

    private Path source() {
        return dir.resolve("uploads").resolve(ID + ".bin");
    }

    private MediaExtras extras(List<Runnable> executor) {
        return extras(executor, id -> dir.resolve("uploads").resolve(id + ".bin"));
    }

    private MediaExtras extras(List<Runnable> executor, Function<String, Path> sources) {
        return extras(executor, sources, storyboards());
    }

    private MediaExtras extras(List<Runnable> executor, Function<String, Path> sources, StoryboardMaker storyboards) {
        TestJobQueue<MediaExtras> messages = TestJobQueue.extras(executor, new ArrayList<>());
        return messages.deliveringTo(new MediaExtras(LOCAL, new MediaExtrasJobs(dir.resolve("extras-jobs")), sources,
                new MediaProbe("ffprobe"), mp4(), storyboards, messages.sender(), clock));
    }

    private Mp4Maker mp4() {
        return new Mp4Maker("ffmpeg", dir.resolve("downloads"));
    }

    private StoryboardMaker storyboards() {
        return new StoryboardMaker("ffmpeg", new MediaProbe("ffprobe"), dir.resolve("storyboards"));
    }

    private void runAll() {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    private static MediaInventory media(DownloadState download, boolean storyboard) {
        return MediaInventory.empty().withDownload(download).withStoryboard(storyboard);
    }

    @Test
    void afterTheHlsWorkTheVideoGetsItsMp4AndStoryboardAndTheDomainHearsOfThem() throws Exception {
        TestClips.make(source(), "160x90", 2, "libx264", "aac");
        TestJobQueue<MediaPipeline> messages = TestJobQueue.pipeline(queue, new ArrayList<>());
        MediaPipeline pipeline = messages.deliveringTo(new MediaPipeline(LOCAL, new MediaJobs(dir.resolve("jobs")), id -> source(),
                new MediaProbe("ffprobe"), new HlsRenditions(dir.resolve("hls")), new LadderEncoder("ffmpeg"),
                new RenditionMeter("ffprobe"), new Thumbnailer("ffmpeg", dir.resolve("thumbnails"), Long.MAX_VALUE),
                DefaultLadder::settings, messages.sender(), clock));
        MediaExtras extras = extras(queue);
        pipeline.followWith(extras);
        pipeline.connect(reported::add);
        extras.connect(reported::add);

        pipeline.start(ID);
        runAll();

        // Ready, the ladder done (the clip is below the smallest rung: its one rendition), then the extras.
        assertThat(reported).extracting(ProviderUpdate::state)
                .containsExactly(ProviderState.READY, ProviderState.MEDIA, ProviderState.MEDIA, ProviderState.MEDIA);
        assertThat(reported.get(2).media()).isEqualTo(media(DownloadState.PREPARING, false));
        assertThat(reported.get(3).media()).isEqualTo(media(DownloadState.READY, true));
        assertThat(reported.get(3).uploadId()).isEqualTo(UploadId.of(ID));
        assertThat(mp4().exists(ID)).isTrue();
        assertThat(storyboards().exists(ID)).isTrue();
        assertThat(new MediaExtrasJobs(dir.resolve("extras-jobs")).all()).as("reported jobs are done").isEmpty();

        pipeline.discard(ID);
        assertThat(mp4().exists(ID)).isFalse();
        assertThat(storyboards().directory(ID)).doesNotExist();
    }

    /** The server died while ffmpeg wrote the MP4: the job is still queued, its scratch half-written. */
    @Test
    void aJobKilledInTheMiddleOfItsMp4FinishesAfterARestart() throws Exception {
        TestClips.make(source(), "160x90", 1, "mpeg4", "mp3");
        extras(new ArrayList<>()).start(ID); // queued, never run: the server stopped
        Path dead = Files.createDirectories(dir.resolve("downloads").resolve(ID + ".partial").resolve("run42"));
        Files.writeString(dead.resolve("download.mp4"), "the first half of an MP4");

        MediaExtras restarted = extras(queue);
        restarted.connect(reported::add);
        restarted.resume();
        runAll();

        assertThat(reported).last().extracting(ProviderUpdate::media).isEqualTo(media(DownloadState.READY, true));
        assertThat(TestClips.topLevelBoxes(mp4().file(ID))).startsWith("ftyp", "moov");
        assertThat(dead).doesNotExist();
    }

    /**
     * A server that stops interrupts the running job: ffmpeg is stopped half-way through the
     * MP4, and the job, not failed, runs again after the restart.
     */
    @Test
    void aJobStoppedInTheMiddleOfItsMp4StaysQueuedAndFinishesAfterTheRestart() throws Exception {
        TestClips.make(source(), "320x180", 30, "mpeg4", "mp3");
        List<Runnable> beforeTheStop = new ArrayList<>();
        MediaExtras extras = extras(beforeTheStop);
        extras.connect(reported::add);
        extras.start(ID);
        Thread worker = new Thread(beforeTheStop.remove(0));
        List<Throwable> escaped = new ArrayList<>();
        worker.setUncaughtExceptionHandler((thread, e) -> escaped.add(e));
        worker.start();
        Path runs = dir.resolve("downloads").resolve(ID + ".partial");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!writingMp4(runs)) {
            assertThat(System.nanoTime()).as("ffmpeg starts the MP4").isLessThan(deadline);
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join(Duration.ofSeconds(30).toMillis());

        assertThat(worker.isAlive()).isFalse();
        assertThat(escaped).as("a stop is not a failure").isEmpty();
        assertThat(mp4().exists(ID)).as("stopped before the MP4 was whole").isFalse();
        assertThat(new MediaExtrasJobs(dir.resolve("extras-jobs")).find(ID)).get()
                .extracting(MediaExtrasJobs.Job::queued).isEqualTo(true);
        assertThat(reported).extracting(ProviderUpdate::media).containsOnly(media(DownloadState.PREPARING, false));

        MediaExtras restarted = extras(queue);
        restarted.connect(reported::add);
        restarted.resume();
        runAll();

        assertThat(reported).last().extracting(ProviderUpdate::media).isEqualTo(media(DownloadState.READY, true));
        assertThat(TestClips.topLevelBoxes(mp4().file(ID))).startsWith("ftyp", "moov");
        assertThat(runs).doesNotExist();
    }

    private static boolean writingMp4(Path runs) throws java.io.IOException {
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (var files = Files.walk(runs)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("download.mp4") && p.toFile().length() > 0);
        }
    }

    /** A video processed before MP4s existed has no job; asking for its MP4 makes one. */
    @Test
    void prepareDownloadQueuesAJobUntilTheMp4IsThere() throws Exception {
        TestClips.make(source(), "160x90", 1, "libx264", null);
        MediaExtras extras = extras(queue);
        extras.connect(reported::add);

        assertThat(extras.prepareDownload(ID)).isEqualTo(DownloadState.PREPARING);
        assertThat(extras.prepareDownload(ID)).isEqualTo(DownloadState.PREPARING);
        assertThat(queue).as("one job, however often asked").hasSize(1);
        runAll();

        assertThat(extras.prepareDownload(ID)).isEqualTo(DownloadState.READY);
        assertThat(queue).isEmpty();
        assertThat(reported).last().extracting(ProviderUpdate::media).isEqualTo(media(DownloadState.READY, true));
    }

    @Test
    void aFailedMp4IsErroredAndTriedAgainOnRequestButNotAtOnce() throws Exception {
        Files.createDirectories(source().getParent());
        Files.writeString(source(), "not a video\n".repeat(30));
        MediaExtras extras = extras(queue);
        extras.connect(reported::add);
        extras.start(ID);
        runAll();
        assertThat(reported).last().extracting(ProviderUpdate::media).isEqualTo(media(DownloadState.ERRORED, false));

        assertThat(extras.prepareDownload(ID)).isEqualTo(DownloadState.ERRORED);
        assertThat(queue).as("too soon after the failure").isEmpty();

        clock.move(MediaExtras.RETRY_FAILED_AFTER.plusSeconds(1));
        TestClips.make(source(), "160x90", 1, "libx264", null); // say the source is readable now
        assertThat(extras.prepareDownload(ID)).isEqualTo(DownloadState.PREPARING);
        assertThat(queue).hasSize(1);
        assertThat(new MediaExtrasJobs(dir.resolve("extras-jobs")).find(ID)).get()
                .extracting(MediaExtrasJobs.Job::queued).isEqualTo(true);
        runAll();
        assertThat(reported).last().extracting(ProviderUpdate::media).isEqualTo(media(DownloadState.READY, true));
    }

    @Test
    void anOutcomeTheDomainDidNotTakeIsOfferedAgainWithoutMakingAnythingTwice() throws Exception {
        TestClips.make(source(), "160x90", 1, "libx264", null);
        MediaExtras extras = extras(queue);
        extras.connect(update -> {
            throw new IllegalStateException("database down");
        });
        extras.start(ID);
        runAll();
        MediaExtrasJobs jobs = new MediaExtrasJobs(dir.resolve("extras-jobs"));
        assertThat(jobs.find(ID)).get().extracting(MediaExtrasJobs.Job::outcome)
                .isEqualTo(new MediaExtrasJobs.Outcome(DownloadState.READY, true));

        extras.connect(reported::add);
        extras.resume();

        assertThat(queue).as("nothing is made twice").isEmpty();
        assertThat(reported).extracting(ProviderUpdate::media).containsExactly(media(DownloadState.READY, true));
        assertThat(jobs.all()).isEmpty();
    }

    /** No sprite (ffmpeg failed on it), but a known duration: the service composes a storyboard, so there is one. */
    @Test
    void withoutASpriteAVideoOfKnownDurationStillHasAStoryboard() throws Exception {
        TestClips.make(source(), "160x90", 1, "libx264", null);
        MediaExtras extras = extras(queue, id -> source(), new StoryboardMaker(dir.resolve("no-such-ffmpeg").toString(),
                new MediaProbe("ffprobe"), dir.resolve("storyboards")));
        extras.connect(reported::add);
        extras.start(ID);
        runAll();

        assertThat(storyboards().exists(ID)).isFalse();
        assertThat(reported).last().extracting(ProviderUpdate::media).isEqualTo(media(DownloadState.READY, true));
    }

    /** Deleted while its job ran: what the job renames into place afterwards is removed too. */
    @Test
    void aVideoDeletedWhileItsJobRunsKeepsNothing() throws Exception {
        TestClips.make(source(), "160x90", 1, "libx264", null);
        List<MediaExtras> self = new ArrayList<>();
        MediaExtras extras = extras(queue, id -> {
            try {
                self.get(0).discard(id); // the user deletes the video just as the job starts
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return source();
        });
        self.add(extras);
        extras.connect(reported::add);
        extras.start(ID);
        runAll();

        assertThat(mp4().exists(ID)).isFalse();
        assertThat(storyboards().directory(ID)).doesNotExist();
        assertThat(reported).extracting(ProviderUpdate::media).doesNotContain(media(DownloadState.READY, true));
        assertThat(new MediaExtrasJobs(dir.resolve("extras-jobs")).all()).isEmpty();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * A message that keeps coming back past the limit: the job ends with what is made (here
     * nothing: the download errored, no storyboard), reported once, and runs no ffmpeg.
     */
    @Test
    void aJobWhoseMessageKeepsComingBackIsGivenUpWithWhatIsMade() throws Exception {
        TestClips.make(source(), "160x90", 1, "libx264", null);
        MediaExtras extras = extras(queue);
        extras.connect(reported::add);
        extras.start(ID);
        queue.clear(); // its deliveries so far died with their node

        extras.deliver(ID, MediaPipeline.MAX_ATTEMPTS + 1);
        extras.deliver(ID, MediaPipeline.MAX_ATTEMPTS + 2);

        assertThat(reported).extracting(ProviderUpdate::media).containsExactly(media(DownloadState.ERRORED, false));
        assertThat(mp4().exists(ID)).isFalse();
        assertThat(queue).isEmpty();
        assertThat(new MediaExtrasJobs(dir.resolve("extras-jobs")).all()).isEmpty();
    }
}
