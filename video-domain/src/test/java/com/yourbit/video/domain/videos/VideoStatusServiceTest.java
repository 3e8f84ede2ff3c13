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
import com.yourbit.video.domain.WebhookReceipt;
import com.yourbit.video.domain.WebhookReceiptRepository;
import com.yourbit.video.domain.events.EventOutbox;
import com.yourbit.video.domain.events.VideoEvent;
import jakarta.ejb.ApplicationException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upload deadline the stale-upload sweep reads follows every status change of a video. */
class VideoStatusServiceTest {

    private static final ProviderName MUX = ProviderName.of("mux");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant DEADLINE = NOW.plusSeconds(3600);

    private final Video video = Video.prepared(VideoId.of("v1"), "owner", "title", MUX,
            new DirectUpload(UploadId.of("up-1"), URI.create("https://up.example/1"), UploadProtocol.PUT, DEADLINE), NOW);
    private final List<String> deadlineChanges = new ArrayList<>();
    private final VideoStatusService service = new VideoStatusService();
    private final RecordingVideoMetrics metrics = new RecordingVideoMetrics();
    /** What the database answers on flush, when a concurrent change got there first. */
    private RuntimeException flushFails;
    /** Flushes that still succeed before {@link #flushFails} is thrown. */
    private int flushesBeforeFailing;
    /** The provider events and webhook receipts written in the update's transaction. */
    private final List<ProviderEvent.Key> recordedEvents = new ArrayList<>();
    private final java.util.Map<ProviderEvent.Key, ProviderEvent> storedEvents = new java.util.HashMap<>();
    /** False while the video is not stored yet (its provider reported before its creation committed). */
    private boolean videoStored = true;
    private final List<String> receipts = new ArrayList<>();
    /** The events written, as "type seq". */
    private final List<String> events = new ArrayList<>();

    VideoStatusServiceTest() {
        service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service.metrics = metrics;
        service.outbox = new EventOutbox() {
            @Override
            public VideoEvent record(Video changed, String type, long seq) {
                events.add(type + " " + seq);
                return null;
            }
        };
        service.videos = new VideoRepository() {
            @Override
            public Optional<Video> find(VideoId id) {
                return Optional.of(video).filter(v -> v.id().equals(id));
            }

            @Override
            public Optional<Video> findByUpload(ProviderName provider, UploadId uploadId) {
                return Optional.of(video).filter(v -> videoStored && provider.equals(v.getProvider()) && uploadId.equals(v.uploadId()));
            }

            @Override
            public Optional<Video> findByExtId(ProviderName provider, AssetId assetId) {
                return Optional.of(video).filter(v -> provider.equals(v.getProvider()) && assetId.equals(v.assetId()));
            }

            @Override
            public void delete(Video deleted) {
                // the row goes at flush
            }

            @Override
            public void flush() {
                if (flushFails != null && flushesBeforeFailing-- <= 0) {
                    throw flushFails;
                }
            }
        };
        service.events = new ProviderEventRepository() {
            @Override
            public Optional<ProviderEvent> find(ProviderEvent.Key key) {
                return Optional.ofNullable(storedEvents.get(key));
            }


            @Override
            public void record(ProviderEvent event) {
                if (flushFails == null) { // else the transaction rolls back
                    recordedEvents.add(event.getKey());
                    storedEvents.put(event.getKey(), event);
                }
            }
        };
        service.moves = new VideoMoveRepository() {
            @Override
            public java.util.Set<ProviderName> activeTargets() {
                return java.util.Set.of();
            }

            @Override
            public Optional<VideoMove> activeByTarget(ProviderName target, UploadId uploadId, AssetId assetId) {
                return Optional.empty();
            }
        };
        service.receipts = new WebhookReceiptRepository() {
            @Override
            public void record(WebhookReceipt receipt) {
                receipts.add(receipt.getOutcome() + " " + receipt.getEventKey());
            }
        };
        service.deadlines = new UploadDeadlineRepository() {
            @Override
            public void drop(VideoId videoId) {
                deadlineChanges.add("drop " + videoId.value());
            }

            @Override
            public void move(VideoId videoId, Instant expiresAt) {
                deadlineChanges.add("move " + videoId.value() + " to " + expiresAt);
            }
        };
    }

    @Test
    void aDeliveredEventsReceiptIsWrittenWithItsChangeAndADuplicateWritesNone() {
        ReadyDetails ready = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("playback-1"), null, null, 12.0, "16:9");
        ProviderUpdate update = ProviderUpdate.from(MUX).event(EventKey.of("event-r")).upload(UploadId.of("up-1")).ready(ready, NOW);
        java.util.function.Function<UpdateOutcome, WebhookReceipt> receipt = outcome -> new WebhookReceipt("mux", NOW,
                outcome.name().toLowerCase(java.util.Locale.ROOT), null, update.eventKey(), update.videoId());

        assertThat(service.apply(update, receipt)).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(service.apply(update, receipt)).isEqualTo(UpdateOutcome.DUPLICATE);

        assertThat(receipts).containsExactly("applied event-r");
        assertThat(recordedEvents).hasSize(1);
    }

    /**
     * A provider that fails fast reports before the video's creation committed: the report finds
     * no video and is recorded. The look-up made once the video is stored (VideoService.ingest's
     * catch-up, the stale-upload sweep, an admin's sync) answers the same state with the same
     * event key: applied then, not taken for a duplicate (the video stayed preparing).
     */
    @Test
    void anEventThatFoundNoVideoIsAppliedWhenItComesAgainOnceTheVideoIsThere() {
        ProviderUpdate failed = ProviderUpdate.from(MUX).event(EventKey.of("up-1:error")).upload(UploadId.of("up-1"))
                .errored("the origin answered 404", NOW);
        videoStored = false;
        assertThat(service.apply(failed, outcome -> receipt(outcome, "up-1:error"))).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
        assertThat(service.apply(failed)).isEqualTo(UpdateOutcome.DUPLICATE);

        videoStored = true;
        assertThat(service.apply(failed)).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.ERRORED);
        assertThat(service.apply(failed, outcome -> receipt(outcome, "up-1:error"))).isEqualTo(UpdateOutcome.DUPLICATE);

        assertThat(receipts).containsExactly("unknown_video up-1:error");
        assertThat(storedEvents).hasSize(1);
        assertThat(events).containsExactly("video.errored " + video.getVersion());
    }

    /**
     * Unknown videos and stale updates are routine (another app's uploads in the same Mux
     * environment, out-of-order deliveries): counted and kept as receipts, but not a log line
     * each, or a provider's burst floods the log.
     */
    @Test
    void routineOutcomesAreRecordedWithoutALogLineEach() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(VideoStatusService.class.getName());
        List<String> logged = new ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                    logged.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            ReadyDetails ready = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("playback-1"), null, null, 12.0, "16:9");
            assertThat(service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-u")).upload(UploadId.of("up-other"))
                    .ready(ready, NOW), outcome -> receipt(outcome, "event-u"))).isEqualTo(UpdateOutcome.UNKNOWN_VIDEO);
            service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-1")).upload(UploadId.of("up-1")).errored("bad input", NOW));
            // An errored video never becomes ready: the later report is stale.
            assertThat(service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-0")).upload(UploadId.of("up-1"))
                    .ready(ready, NOW.plusSeconds(1)), outcome -> receipt(outcome, "event-0"))).isEqualTo(UpdateOutcome.STALE);
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(logged).isEmpty();
        assertThat(receipts).containsExactly("unknown_video event-u", "stale event-0");
        assertThat(recordedEvents).contains(new ProviderEvent.Key(MUX, EventKey.of("event-u")), new ProviderEvent.Key(MUX, EventKey.of("event-0")));
    }

    /**
     * Deliveries applied together (WebhookBatches) end as each would alone, in order: a repeat
     * of an event within the batch is a duplicate, and each receipt and event is written once.
     */
    @Test
    void reportsAppliedTogetherEndAsEachWouldAloneInOrder() {
        ReadyDetails ready = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("playback-1"), null, null, 12.0, "16:9");
        ProviderUpdate readyUpdate = ProviderUpdate.from(MUX).event(EventKey.of("event-r")).upload(UploadId.of("up-1")).ready(ready, NOW);
        ProviderUpdate elsewhere = ProviderUpdate.from(MUX).event(EventKey.of("event-u")).upload(UploadId.of("up-other"))
                .errored("bad input", NOW);

        List<VideoStatusService.Applied> applied = service.applyAllOrRoute(List.of(
                new VideoStatusService.Report(readyUpdate, outcome -> receipt(outcome, "event-r")),
                new VideoStatusService.Report(elsewhere, outcome -> receipt(outcome, "event-u")),
                new VideoStatusService.Report(readyUpdate, outcome -> receipt(outcome, "event-r"))));

        assertThat(applied).extracting(VideoStatusService.Applied::outcome)
                .containsExactly(UpdateOutcome.APPLIED, UpdateOutcome.UNKNOWN_VIDEO, UpdateOutcome.DUPLICATE);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(receipts).containsExactly("applied event-r", "unknown_video event-u");
        assertThat(events).containsExactly("video.ready " + video.getVersion());
        assertThat(metrics.recorded()).containsExactly("mux preparing->ready x1");
    }

    /**
     * A batch is all or nothing: when a later report's flush finds a concurrent change, the
     * whole transaction rolls back, so an earlier report's change must not be counted either
     * (each is applied and counted alone afterwards).
     */
    @Test
    void aBatchThatFailsCountsNoneOfItsChanges() {
        ReadyDetails ready = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("playback-1"), null, null, 12.0, "16:9");
        flushFails = new OptimisticLockException("row was updated by another transaction");
        flushesBeforeFailing = 1;

        assertThatThrownBy(() -> service.applyAllOrRoute(List.of(
                new VideoStatusService.Report(ProviderUpdate.from(MUX).event(EventKey.of("event-r")).upload(UploadId.of("up-1"))
                        .ready(ready, NOW), outcome -> receipt(outcome, "event-r")),
                new VideoStatusService.Report(ProviderUpdate.from(MUX).event(EventKey.of("event-u")).upload(UploadId.of("up-other"))
                        .errored("bad input", NOW), outcome -> receipt(outcome, "event-u")))))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(metrics.recorded()).isEmpty();
    }

    private static WebhookReceipt receipt(UpdateOutcome outcome, String eventKey) {
        return new WebhookReceipt("mux", NOW, outcome.name().toLowerCase(java.util.Locale.ROOT), null, EventKey.of(eventKey), null);
    }

    @Test
    void leavingPreparingDropsTheDeadline() {
        ReadyDetails ready = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("playback-1"), null, null, 12.0, "16:9");

        service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-1")).upload(UploadId.of("up-1")).ready(ready, NOW));

        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(deadlineChanges).containsExactly("drop v1");
    }

    @Test
    void anUpdateThatKeepsTheVideoPreparingKeepsTheDeadline() {
        service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-1")).upload(UploadId.of("up-1"))
                .asset(AssetId.of("asset-1")).processing(NOW));

        assertThat(video.getStatus()).isEqualTo(VideoStatus.PREPARING);
        assertThat(deadlineChanges).isEmpty();
    }

    @Test
    void anUpdateForAVideoAlreadyReadyLeavesTheDeadlineTableAlone() {
        ReadyDetails ready = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("playback-1"), null, null, 12.0, "16:9");
        service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-1")).upload(UploadId.of("up-1")).ready(ready, NOW));
        deadlineChanges.clear();

        // A second, older event for a video already ready changes nothing, the deadline table included.
        service.apply(ProviderUpdate.from(MUX).event(EventKey.of("event-0")).upload(UploadId.of("up-1"))
                .errored("late", NOW.minusSeconds(60)));

        assertThat(deadlineChanges).isEmpty();
    }

    /**
     * A concurrent change (another node's delivery of the same event, the sweep) is expected and
     * retried by VideoService: it must reach it as an application exception, which the EJB
     * container neither logs as a system failure nor wraps.
     */
    @Test
    void aConcurrentChangeIsAnApplicationExceptionTheCallerRetries() {
        ProviderUpdate update = ProviderUpdate.from(MUX).event(EventKey.of("event-1")).upload(UploadId.of("up-1"))
                .asset(AssetId.of("asset-1")).processing(NOW);
        flushFails = new OptimisticLockException("row was updated by another transaction");
        assertThatThrownBy(() -> service.apply(update))
                .satisfies(e -> assertThat(e.getClass().getAnnotation(ApplicationException.class)).isNotNull()
                        .extracting(ApplicationException::rollback).isEqualTo(true))
                .hasCauseInstanceOf(OptimisticLockException.class);

        flushFails = new PersistenceException("duplicate key value violates unique constraint provider_event_pkey");
        assertThatThrownBy(() -> service.apply(update))
                .satisfies(e -> assertThat(e.getClass().getAnnotation(ApplicationException.class)).isNotNull())
                .hasCauseInstanceOf(PersistenceException.class);
    }

    /** Deleting re-reads the video in its own transaction; a change committed meanwhile is retried by the caller. */
    @Test
    void deletingTellsOfItAndAConflictIsAnExceptionTheCallerRetries() {
        assertThat(service.delete("someone else", VideoId.of("v1"))).isFalse();
        assertThat(events).isEmpty();

        flushFails = new OptimisticLockException("row was updated by another transaction");
        assertThatThrownBy(() -> service.delete("owner", VideoId.of("v1")))
                .isInstanceOf(ConcurrentChangeException.class).hasCauseInstanceOf(OptimisticLockException.class);

        flushFails = null;
        events.clear();
        assertThat(service.delete("owner", VideoId.of("v1"))).isTrue();
        assertThat(events).containsExactly("video.deleted " + (video.getVersion() + 1));
    }

    @Test
    void expiringDropsTheDeadline() {
        assertThat(service.expire(VideoId.of("v1"), video.getVersion())).isTrue();

        assertThat(video.getStatus()).isEqualTo(VideoStatus.EXPIRED);
        assertThat(deadlineChanges).containsExactly("drop v1");
    }

    @Test
    void aRelayedUploadMovesTheDeadlineToTheProvidersOwn() {
        Instant providers = NOW.plusSeconds(7200);

        assertThat(service.noteUploadCreated(VideoId.of("v1"), AssetId.of("asset-1"), providers)).isTrue();

        assertThat(video.getUploadExpiresAt()).isEqualTo(providers);
        assertThat(deadlineChanges).containsExactly("move v1 to " + providers);
    }

    @Test
    void aVideoNoLongerWaitingForItsUploadKeepsItsDeadlineUnmoved() {
        service.expire(VideoId.of("v1"), video.getVersion());
        deadlineChanges.clear();

        assertThat(service.noteUploadCreated(VideoId.of("v1"), AssetId.of("asset-1"), NOW.plusSeconds(7200))).isFalse();
        assertThat(deadlineChanges).isEmpty();
    }

    @Test
    void eachAppliedChangeWritesItsEventAndNothingElseDoes() {
        ReadyDetails details = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("play-1"), null, null, 12.0, "16:9");
        ProviderUpdate ready = ProviderUpdate.from(MUX).event(EventKey.of("e1")).upload(UploadId.of("up-1")).ready(details, NOW);
        service.apply(ready);
        service.apply(ProviderUpdate.from(MUX).event(EventKey.of("e2")).upload(UploadId.of("up-1")).ready(details, NOW));
        service.apply(ProviderUpdate.from(MUX).event(EventKey.of("e3")).upload(UploadId.of("up-1"))
                .mediaChanged(com.yourbit.video.api.MediaInventory.empty().withStoryboard(true), NOW));
        assertThat(events).containsExactly("video.ready 0", "video.updated 0");
    }

    @Test
    void aChangeThatLosesToAConcurrentOneWritesNoEvent() {
        flushFails = new OptimisticLockException("changed meanwhile");
        ReadyDetails details = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("play-1"), null, null, 12.0, "16:9");
        assertThatThrownBy(() -> service.apply(ProviderUpdate.from(MUX).event(EventKey.of("e1")).upload(UploadId.of("up-1"))
                .ready(details, NOW))).isInstanceOf(ConcurrentChangeException.class);
        assertThat(events).isEmpty();
    }
}
