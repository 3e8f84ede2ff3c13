package com.yourbit.video.providers.local;

import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.providers.local.objects.ObjectStore;
import com.yourbit.video.providers.local.objects.S3ProxyServer;
import com.yourbit.video.providers.local.objects.S3Settings;
import com.yourbit.video.providers.local.objects.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The local provider's media on S3 (a real S3Proxy, the real ffmpeg): two nodes that share
 * only the bucket. One takes the upload and runs the first stage, the other the ladder and
 * the extras, a third serves the result: nothing passes through a node's disk but its caches
 * and scratch.
 */
class S3MediaTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final String ID = "upload-0123456789abcdef";

    @TempDir
    Path dir;

    private S3Settings settings;
    private final List<ObjectStore> clients = new ArrayList<>();
    private final List<ProviderUpdate> reported = new CopyOnWriteArrayList<>();

    /** What one node builds at start from the settings (LocalProviderComponents, storage=s3). */
    private final class Node {
        final ObjectStore objects = ObjectStore.connect(settings);
        final Path local;
        final S3UploadStore uploads;
        final S3HlsRenditions hls;
        final MediaJobs jobs;
        final S3Mp4Maker mp4;
        final S3StoryboardMaker storyboards;
        final List<Runnable> queue = new ArrayList<>();
        final MediaPipeline pipeline;
        final MediaExtras extras;

        Node(String name) {
            this(name, ClusterUploadLocks.NONE);
        }

        Node(String name, ClusterUploadLocks cluster) {
            clients.add(objects);
            local = dir.resolve(name);
            Path scratch = local.resolve("scratch");
            UploadLocks locks = new UploadLocks(UploadLocks.RELEASE_WAIT, cluster);
            uploads = new S3UploadStore(objects, "uploads/", scratch, 1L << 30, S3Settings.S3_MIN_PART_SIZE, 1L << 30,
                    Clock.systemUTC(), locks);
            hls = new S3HlsRenditions(objects, "hls/", scratch.resolve("hls"));
            jobs = new MediaJobs(JobRecords.in(objects, "jobs/"), new ClusterJobClaims(cluster, "media"));
            mp4 = new S3Mp4Maker("ffmpeg", scratch.resolve("downloads"), objects, "downloads/");
            MediaProbe probe = new MediaProbe("ffprobe");
            storyboards = new S3StoryboardMaker("ffmpeg", probe, scratch.resolve("storyboards"), objects, "storyboards/");
            TestJobQueue<MediaPipeline> media = TestJobQueue.pipeline(queue, new ArrayList<>());
            pipeline = media.deliveringTo(new MediaPipeline(LOCAL, jobs, uploads::data, probe, hls, new LadderEncoder("ffmpeg"),
                    new RenditionMeter("ffprobe"), new Thumbnailer("ffmpeg", local.resolve("thumbnails"), Long.MAX_VALUE),
                    DefaultLadder::settings, media.sender(), Clock.systemUTC()));
            TestJobQueue<MediaExtras> more = TestJobQueue.extras(queue, new ArrayList<>());
            extras = more.deliveringTo(new MediaExtras(LOCAL, new MediaExtrasJobs(JobRecords.in(objects, "extras-jobs/"),
                    new ClusterJobClaims(cluster, "extras")), uploads::data, probe, mp4, storyboards,
                    more.sender(), Clock.systemUTC()));
            pipeline.followWith(extras);
            pipeline.connect(reported::add);
            extras.connect(reported::add);
        }
    }

    @BeforeEach
    void bucket() {
        settings = S3ProxyServer.get().bucket();
    }

    @AfterEach
    void close() {
        clients.forEach(ObjectStore::close);
    }

    private byte[] clip() throws Exception {
        Path file = TestClips.make(dir.resolve("clip.mp4"), "640x360", 3, "mpeg4", "aac");
        return Files.readAllBytes(file);
    }

    private static byte[] bytes(MediaFile file) throws IOException {
        try (InputStream in = file.open(0, file.size())) {
            return in.readAllBytes();
        }
    }

    @Test
    void aVideoUploadedOnOneNodeIsProcessedOnAnotherAndServedByAThirdFromTheBucket() throws Exception {
        byte[] clip = clip();
        Node a = new Node("a");
        Node b = new Node("b");
        a.uploads.create(ID, clip.length, Map.of("filetype", "video/mp4"), Instant.now().plus(Duration.ofHours(1)));
        a.uploads.append(ID, Chunk.at(0), new java.io.ByteArrayInputStream(clip));

        a.pipeline.start(ID);
        assertThat(a.queue).hasSize(1);
        a.queue.remove(0).run();
        assertThat(reported).extracting(ProviderUpdate::state).containsExactly(ProviderState.READY);
        assertThat(a.queue).as("the ladder is queued").hasSize(1);
        a.queue.clear();

        // The ladder's message reaches the other node: it finds the job, the first rung and the original in the bucket.
        b.pipeline.deliver(ID, 1);
        while (!b.queue.isEmpty()) {
            b.queue.remove(0).run();
        }

        assertThat(reported).extracting(ProviderUpdate::state)
                .containsExactly(ProviderState.READY, ProviderState.MEDIA, ProviderState.MEDIA, ProviderState.MEDIA);
        assertThat(reported.get(1).media().renditions()).extracting(Rendition::name).containsExactly("240p", "360p");
        assertThat(reported.get(3).media().download()).isEqualTo(DownloadState.READY);
        assertThat(reported.get(3).media().storyboard()).isTrue();
        assertThat(a.jobs.all()).as("every job done, in the bucket as seen from any node").isEmpty();
        assertThat(b.objects.list("extras-jobs/")).isEmpty();

        Node c = new Node("c");
        String master = new String(bytes(c.hls.media(ID, HostedMedia.PLAYLIST).orElseThrow()), StandardCharsets.UTF_8);
        assertThat(master.lines().filter(l -> !l.startsWith("#"))).containsExactly("240p/index.m3u8", "360p/index.m3u8");
        MediaFile playlist = c.hls.media(ID, "360p/index.m3u8").orElseThrow();
        assertThat(playlist.contentType()).isEqualTo("application/vnd.apple.mpegurl");
        String segment = playlist.readString().lines().filter(l -> HlsRenditions.SEGMENT.matcher(l).matches()).findFirst().orElseThrow();
        MediaFile ts = c.hls.media(ID, "360p/" + segment).orElseThrow();
        assertThat(ts.isFile()).as("streamed from the bucket").isFalse();
        byte[] whole = bytes(ts);
        try (InputStream range = ts.open(188, 376)) {
            assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(whole, 188, 564));
        }
        assertThat(c.hls.media(ID, "../uploads/" + ID)).isEmpty();
        assertThat(c.hls.media(ID, "360p/rendition.properties")).as("not a served name").isEmpty();
        assertThat(c.hls.startPts(ID)).isPresent();
        assertThat(c.hls.finished(ID)).extracting(MeasuredRendition::name).containsExactly("240p", "360p");

        MediaFile mp4 = c.mp4.media(ID).orElseThrow();
        assertThat(mp4.contentType()).isEqualTo("video/mp4");
        Path copy = dir.resolve("download.mp4");
        Files.write(copy, bytes(mp4));
        assertThat(new MediaProbe("ffprobe").probe(copy).orElseThrow().durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(c.storyboards.media(ID, HostedMedia.STORYBOARD, "text/vtt").orElseThrow().readString()).startsWith("WEBVTT");
        assertThat(c.storyboards.media(ID, StoryboardMaker.IMAGE, "image/jpeg")).isPresent();
        assertThat(bytes(c.uploads.original(ID).orElseThrow())).isEqualTo(clip);

        for (String node : List.of("a", "b")) {
            try (var left = Files.walk(dir.resolve(node).resolve("scratch"))) {
                assertThat(left.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve(node).resolve("scratch/originals"))))
                        .as("no scratch left on node " + node).isEmpty();
            }
        }

        // Deleting the video on the third node removes it from the bucket for every node.
        c.pipeline.discard(ID);
        c.uploads.terminate(ID);
        assertThat(c.objects.list("")).extracting(StoredObject::key).as("nothing of the video is left")
                .noneMatch(key -> key.contains(ID));
        assertThat(a.hls.media(ID, HostedMedia.PLAYLIST)).isEmpty();
        assertThat(a.mp4.exists(ID)).isFalse();
        assertThat(a.storyboards.exists(ID)).isFalse();
    }

    @Test
    void aStageWhoseOriginalTheStoreCannotGiveWaitsForItsMessageToComeBackInsteadOfFailingTheVideo() throws Exception {
        byte[] clip = clip();
        Node a = new Node("a");
        a.uploads.create(ID, clip.length, Map.of(), Instant.now().plus(Duration.ofHours(1)));
        a.uploads.append(ID, Chunk.at(0), new java.io.ByteArrayInputStream(clip));
        a.pipeline.start(ID);
        a.queue.clear();
        // The store loses the object (or cannot be reached): the node has no copy yet.
        a.objects.delete("uploads/" + ID);

        assertThatThrownBy(() -> a.pipeline.deliver(ID, 1)).isInstanceOf(SourceUnavailableException.class);

        assertThat(reported).as("the video is not errored").isEmpty();
        assertThat(a.jobs.job(ID).orElseThrow().stage()).isEqualTo(MediaJobs.Stage.FIRST_RENDITION);
        assertThat(a.jobs.claims().tryClaim(ID)).as("the claim was let go").hasValueSatisfying(JobClaims.Claim::close);

        // Deleted meanwhile: nothing to wait for, nothing thrown.
        a.pipeline.discard(ID);
        a.pipeline.deliver(ID, 2);
        assertThat(reported).isEmpty();
    }

    /** With PostgreSQL (the build's, as {@link PostgresUploadLocksTest}), a job's claim is the cluster's. */
    @Test
    void aJobClaimedOnOneNodeIsNotRunOnAnotherMeanwhile() {
        assumeFalse(Boolean.getBoolean("skipPostgres"), "PostgreSQL tests are skipped (-DskipPostgres)");
        PostgresUploadLocks lockA = new PostgresUploadLocks(PostgresUploadLocksTest.database());
        PostgresUploadLocks lockB = new PostgresUploadLocks(PostgresUploadLocksTest.database());
        try {
            Node a = new Node("a", lockA);
            Node b = new Node("b", lockB);
            String id = "upload-" + java.util.UUID.randomUUID().toString().replace("-", "");
            a.jobs.enqueue(id);

            try (JobClaims.Claim held = a.jobs.claims().tryClaim(id).orElseThrow()) {
                assertThat(b.jobs.exists(id)).as("the job is seen by every node").isTrue();
                assertThat(b.jobs.claims().tryClaim(id)).as("another node").isEmpty();
                assertThat(a.jobs.claims().tryClaim(id)).as("the same node").isEmpty();
            }
            JobClaims.Claim later = b.jobs.claims().tryClaim(id).orElseThrow();
            later.close();
        } finally {
            lockA.close();
            lockB.close();
        }
    }
}
