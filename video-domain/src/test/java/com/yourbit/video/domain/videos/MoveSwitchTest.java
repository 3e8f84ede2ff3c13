package com.yourbit.video.domain.videos;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.MoveState;
import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.domain.ProviderEventRepository;
import com.yourbit.video.domain.RecordingVideoMetrics;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.UploadDeadlineRepository;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoMove;
import com.yourbit.video.domain.VideoMoveRepository;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.events.EventOutbox;
import com.yourbit.video.domain.events.VideoEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing of a move's reports and the switch: the new provider's reports belong to the
 * move, never change the video until ready, and then switch it in one step; the old
 * provider's late reports no longer find the video.
 */
class MoveSwitchTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final ProviderName MUX = ProviderName.of("mux");
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final VideoId ID = VideoId.of("v1");
    private static final ReadyDetails LOCAL_READY = new ReadyDetails(AssetId.of("tok-1"), PlaybackId.of("v1"), null, null,
            10.0, "16:9");
    private static final ReadyDetails MUX_READY = new ReadyDetails(AssetId.of("mux-asset"), PlaybackId.of("mux-pb"), null,
            null, 10.04, "16:9");

    private final Video video = Video.prepared(ID, "owner", "title", LOCAL,
            new DirectUpload(UploadId.of("tok-1"), URI.create("https://here.example/uploads/tok-1"), UploadProtocol.TUS,
                    NOW.plusSeconds(3600)), NOW);
    private final List<VideoMove> moves = new ArrayList<>();
    private final Set<ProviderEvent.Key> seen = new HashSet<>();
    private final List<String> events = new ArrayList<>();
    private final VideoStatusService status = new VideoStatusService();
    private final MoveService moveService = new MoveService();
    private boolean deleted;
    /** Reads of the moves (video_move queries), to show when routing reads none. */
    private int moveReads;

    MoveSwitchTest() {
        status.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        status.metrics = new RecordingVideoMetrics();
        status.outbox = new EventOutbox() {
            @Override
            public VideoEvent record(Video changed, String type, long seq) {
                events.add(type);
                return null;
            }
        };
        status.videos = new VideoRepository() {
            @Override
            public Optional<Video> find(VideoId id) {
                return Optional.of(video).filter(v -> !deleted && v.id().equals(id));
            }

            @Override
            public Optional<Video> findByUpload(ProviderName provider, UploadId uploadId) {
                return find(ID).filter(v -> v.getProvider().equals(provider) && v.uploadId().equals(uploadId));
            }

            @Override
            public Optional<Video> findByExtId(ProviderName provider, AssetId extId) {
                return find(ID).filter(v -> v.getProvider().equals(provider) && extId.equals(v.assetId()));
            }

            @Override
            public void flush() {
            }
        };
        status.events = new ProviderEventRepository() {
            @Override
            public boolean seen(ProviderEvent.Key key) {
                return seen.contains(key);
            }

            /** A key seen here was the video's own event, applied to it. */
            @Override
            public Optional<ProviderEvent> find(ProviderEvent.Key key) {
                return seen.contains(key) ? Optional.of(new ProviderEvent(key, ID, UpdateOutcome.APPLIED, NOW)) : Optional.empty();
            }


            @Override
            public void record(ProviderEvent event) {
                seen.add(event.getKey());
            }
        };
        status.deadlines = new UploadDeadlineRepository() {
            @Override
            public void drop(VideoId videoId) {
            }
        };
        VideoMoveRepository repository = new VideoMoveRepository() {
            @Override
            public Optional<VideoMove> find(String id) {
                return moves.stream().filter(m -> m.getId().equals(id)).findFirst();
            }

            @Override
            public Optional<VideoMove> active(VideoId videoId) {
                moveReads++;
                return moves.stream().filter(m -> m.getState().active() && m.getVideoId().equals(videoId)).findFirst();
            }

            @Override
            public Set<ProviderName> activeTargets() {
                moveReads++;
                return moves.stream().filter(m -> m.getState().active()).map(VideoMove::getTo)
                        .collect(java.util.stream.Collectors.toSet());
            }

            @Override
            public Optional<VideoMove> activeByTarget(ProviderName target, UploadId uploadId, AssetId assetId) {
                moveReads++;
                return moves.stream().filter(m -> m.getState().active() && m.getTo().equals(target))
                        .filter(m -> (uploadId != null && uploadId.equals(m.getTargetUploadId()))
                                || (assetId != null && assetId.equals(m.getTargetAssetId())))
                        .findFirst();
            }

            @Override
            public void flush() {
            }
        };
        status.moves = repository;
        moveService.moves = repository;
        status.apply(ProviderUpdate.from(LOCAL).event(EventKey.of("local-ready")).upload(UploadId.of("tok-1"))
                .ready(LOCAL_READY, NOW));
        events.clear();
    }

    private VideoMove ingestingToMux() {
        VideoMove move = VideoMove.queued(ID, LOCAL, MUX, null, NOW);
        move.ingesting("original", UploadId.of("mux-asset"), AssetId.of("mux-asset"), NOW);
        moves.add(move);
        return move;
    }

    @Test
    void theNewProvidersReportsNamingTheVideoOrTheCopyBelongToTheMove() {
        VideoMove move = ingestingToMux();

        assertThat(moveService.routeOf(ProviderUpdate.from(MUX).video(ID).asset(AssetId.of("mux-asset")).processing(NOW)))
                .contains(move.getId());
        assertThat(moveService.routeOf(ProviderUpdate.from(MUX).asset(AssetId.of("mux-asset")).processing(NOW)))
                .contains(move.getId());
        // The video's own provider keeps reporting to the video.
        assertThat(moveService.routeOf(ProviderUpdate.from(LOCAL).video(ID).upload(UploadId.of("tok-1")).processing(NOW)))
                .isEmpty();
        // Another asset at the new provider (say, from an earlier stay there) is not the copy.
        assertThat(moveService.routeOf(ProviderUpdate.from(MUX).video(ID).asset(AssetId.of("older-asset")).processing(NOW)))
                .isEmpty();
    }

    @Test
    void aReportThatCameBeforeTheIngestCallReturnedStillFindsTheMoveByTheVideo() {
        VideoMove move = VideoMove.queued(ID, LOCAL, MUX, null, NOW);
        moves.add(move);
        assertThat(moveService.routeOf(ProviderUpdate.from(MUX).video(ID).asset(AssetId.of("mux-asset")).processing(NOW)))
                .contains(move.getId());
    }

    @Test
    void aWebhookOfTheNewProviderIsRoutedToTheMoveAndWritesNothingForTheVideo() {
        VideoMove move = ingestingToMux();

        VideoStatusService.Applied byVideo = status.applyOrRoute(ProviderUpdate.from(MUX).event(EventKey.of("mux-1"))
                .video(ID).asset(AssetId.of("mux-asset")).processing(NOW), null);
        VideoStatusService.Applied byCopy = status.applyOrRoute(ProviderUpdate.from(MUX).event(EventKey.of("mux-2"))
                .asset(AssetId.of("mux-asset")).errored("no", NOW), null);

        assertThat(byVideo.routed()).isTrue();
        assertThat(byVideo.moveId()).isEqualTo(move.getId());
        assertThat(byCopy.moveId()).isEqualTo(move.getId());
        // Left to the move: neither event is recorded, the video is as it was.
        assertThat(seen).doesNotContain(new ProviderEvent.Key(MUX, EventKey.of("mux-1")), new ProviderEvent.Key(MUX, EventKey.of("mux-2")));
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(video.getProvider()).isEqualTo(LOCAL);
        assertThat(events).isEmpty();
    }

    @Test
    void aWebhookThatMatchesAVideoAtItsOwnProviderReadsNoMove() {
        ingestingToMux();
        moveReads = 0;

        VideoStatusService.Applied applied = status.applyOrRoute(ProviderUpdate.from(LOCAL).event(EventKey.of("local-gone"))
                .video(ID).upload(UploadId.of("tok-1")).gone(NOW), null);

        assertThat(applied.routed()).isFalse();
        assertThat(applied.outcome()).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(moveReads).isZero();
    }

    @Test
    void aWebhookOfNoKnownVideoAsksTheDatabaseEveryTimeSoAMoveStartedElsewhereIsSeen() {
        VideoStatusService.Applied before = status.applyOrRoute(ProviderUpdate.from(MUX).event(EventKey.of("mux-early"))
                .asset(AssetId.of("other-asset")).processing(NOW), null);
        assertThat(before.routed()).isFalse();
        assertThat(before.outcome()).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
        assertThat(moveReads).isEqualTo(1);

        // Another node starts a move: it is only in the database (here, the repository's list).
        VideoMove move = ingestingToMux();

        VideoStatusService.Applied after = status.applyOrRoute(ProviderUpdate.from(MUX).event(EventKey.of("mux-late"))
                .asset(AssetId.of("mux-asset")).processing(NOW), null);
        assertThat(after.moveId()).isEqualTo(move.getId());
    }

    @Test
    void aRepeatedWebhookIsADuplicateBeforeAnyMoveIsRead() {
        ingestingToMux();
        seen.add(new ProviderEvent.Key(MUX, EventKey.of("mux-again")));
        moveReads = 0;

        VideoStatusService.Applied applied = status.applyOrRoute(ProviderUpdate.from(MUX).event(EventKey.of("mux-again"))
                .video(ID).asset(AssetId.of("mux-asset")).processing(NOW), null);

        assertThat(applied.outcome()).isEqualTo(UpdateOutcome.DUPLICATE);
        assertThat(moveReads).isZero();
    }

    /**
     * A batch of webhooks reads the moves' targets once: a report of a provider no move goes
     * to reads no move of its own, the new provider's report is still routed to its move, and
     * a repeat within the batch is a duplicate.
     */
    @Test
    void aBatchReadsTheMovesOnceAndStillRoutesTheNewProvidersReport() {
        VideoMove move = ingestingToMux();
        moveReads = 0;
        ProviderUpdate local = ProviderUpdate.from(LOCAL).event(EventKey.of("local-elsewhere"))
                .upload(UploadId.of("tok-other")).processing(NOW);
        ProviderUpdate copy = ProviderUpdate.from(MUX).event(EventKey.of("mux-copy")).asset(AssetId.of("mux-asset"))
                .processing(NOW);

        List<VideoStatusService.Applied> applied = status.applyAllOrRoute(List.of(
                new VideoStatusService.Report(local, null), new VideoStatusService.Report(copy, null),
                new VideoStatusService.Report(local, null)));

        assertThat(applied.get(0).outcome()).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
        assertThat(applied.get(1).moveId()).isEqualTo(move.getId());
        assertThat(applied.get(2).outcome()).isEqualTo(UpdateOutcome.DUPLICATE);
        // The targets once, then the copy's own look-up: none for the local reports.
        assertThat(moveReads).isEqualTo(2);
    }

    @Test
    void aBatchWithNoActiveMoveReadsNoMoveBeyondTheTargets() {
        moveReads = 0;
        List<VideoStatusService.Applied> applied = status.applyAllOrRoute(List.of(new VideoStatusService.Report(
                ProviderUpdate.from(MUX).event(EventKey.of("mux-unknown")).asset(AssetId.of("other")).processing(NOW), null)));

        assertThat(applied.get(0).outcome()).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
        assertThat(moveReads).isEqualTo(1);
    }

    @Test
    void aBatchWhoseReportsAllMatchVideosReadsNoMove() {
        moveReads = 0;
        List<VideoStatusService.Applied> applied = status.applyAllOrRoute(List.of(new VideoStatusService.Report(
                ProviderUpdate.from(LOCAL).event(EventKey.of("local-errored")).upload(UploadId.of("tok-1")).errored("bad input", NOW),
                null)));

        assertThat(applied.get(0).outcome()).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(moveReads).isZero();
    }

    @Test
    void readySwitchesTheVideoInOneStepAndLeavesTheOldAssetToDelete() {
        VideoMove move = ingestingToMux();

        UpdateOutcome outcome = status.switchProvider(move.getId(),
                ProviderUpdate.from(MUX).event(EventKey.of("mux-ready")).video(ID).ready(MUX_READY, NOW));

        assertThat(outcome).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.getProvider()).isEqualTo(MUX);
        assertThat(video.uploadId()).isEqualTo(UploadId.of("mux-asset"));
        assertThat(video.playbackId()).isEqualTo(PlaybackId.of("mux-pb"));
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(events).containsExactly("video.moved");
        assertThat(move.getState()).isEqualTo(MoveState.DONE);
        assertThat(move.getDisposeProvider()).isEqualTo(LOCAL);
        assertThat(move.disposal().uploadId()).isEqualTo(UploadId.of("tok-1"));

        // The same event again changes nothing.
        assertThat(status.switchProvider(move.getId(),
                ProviderUpdate.from(MUX).event(EventKey.of("mux-ready")).video(ID).ready(MUX_READY, NOW)))
                .isEqualTo(UpdateOutcome.DUPLICATE);
    }

    @Test
    void theOldProvidersLateReportsNoLongerFindTheVideo() {
        VideoMove move = ingestingToMux();
        status.switchProvider(move.getId(), ProviderUpdate.from(MUX).video(ID).ready(MUX_READY, NOW));
        events.clear();

        assertThat(status.apply(ProviderUpdate.from(LOCAL).event(EventKey.of("late-error")).video(ID)
                .upload(UploadId.of("tok-1")).errored("disk gone", NOW))).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
        assertThat(status.apply(ProviderUpdate.from(LOCAL).event(EventKey.of("late-gone")).upload(UploadId.of("tok-1"))
                .gone(NOW))).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(video.getProvider()).isEqualTo(MUX);
        assertThat(events).isEmpty();
        // And the move is over: nothing of the old or the new provider is routed to it.
        assertThat(moveService.routeOf(ProviderUpdate.from(MUX).video(ID).asset(AssetId.of("mux-asset")).processing(NOW)))
                .isEmpty();
    }

    @Test
    void aVideoThatChangedMeanwhileIsNotSwitchedAndTheMoveFails() {
        VideoMove move = ingestingToMux();
        deleted = true;

        UpdateOutcome outcome = status.switchProvider(move.getId(), ProviderUpdate.from(MUX).video(ID).ready(MUX_READY, NOW));

        assertThat(outcome).isEqualTo(UpdateOutcome.STALE);
        assertThat(move.getState()).isEqualTo(MoveState.FAILED);
        assertThat(move.getReason()).contains("deleted");
        // What the new provider made is left to delete, not the video's own asset.
        assertThat(move.getDisposeProvider()).isEqualTo(MUX);
        assertThat(video.getProvider()).isEqualTo(LOCAL);
        assertThat(events).isEmpty();
    }
}
