package com.yourbit.video.domain.expiry;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.domain.MapConfig;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.RecordingVideoMetrics;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.domain.videos.VideoStatusService;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sweep's bookkeeping without a database: who is asked, what goes into the one bulk
 * expiry per batch, and the one-by-one fallback when that is refused. The transactions and
 * SQL themselves are covered by the integration tests and bench/sweep-bench.sh.
 */
class StaleUploadSweeperTest {

    private static final ProviderName MUX = ProviderName.of("mux");
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final List<Video> stale = new ArrayList<>();
    /** Provider answers by upload id: "ready", "down", or nothing (still waiting). */
    private final Map<String, String> answers = new HashMap<>();
    private final List<Map<String, Long>> bulkCalls = new ArrayList<>();
    private final List<String> singleCalls = new ArrayList<>();
    private final List<String> cancelled = new ArrayList<>();
    private final List<String> applied = new ArrayList<>();
    /** Ids the one-by-one expiry finds changed meanwhile. */
    private final Set<String> changedMeanwhile = new HashSet<>();
    /** What the sweep told the metrics: transitions and sweep summaries. */
    private final RecordingVideoMetrics metrics = new RecordingVideoMetrics();
    private RuntimeException bulkFailure;
    private boolean bulkRefuses;

    @Test
    void onlyTheVideosToExpireGoIntoOneBulkExpiryPerBatchAndTheirUploadsAreCancelled() {
        video("a", null);
        video("b", "ready");
        video("c", "down");
        video("d", null);
        video("e", null);

        SweepResult result = sweeper(2).sweep(NOW, VideoMetrics.SweepTrigger.ADMIN);

        assertThat(result.examined()).isEqualTo(5);
        assertThat(result.expired()).isEqualTo(3);
        assertThat(result.recovered()).isEqualTo(1);
        assertThat(result.retryLater()).isEqualTo(1);
        assertThat(bulkCalls).containsExactly(Map.of("a", 0L), Map.of("d", 0L), Map.of("e", 0L));
        assertThat(singleCalls).isEmpty();
        assertThat(applied).containsExactly("b");
        assertThat(cancelled).containsExactly("a", "d", "e");
        assertThat(metrics.recorded()).containsExactly("mux preparing->expired x1", "mux preparing->expired x1",
                "mux preparing->expired x1", "sweep ADMIN expired=3 recovered=1");
    }

    @Test
    void aRefusedBulkExpiryFallsBackToOneByOneAndCountsOnlyWhatChanged() {
        video("a", null);
        video("b", null);
        video("c", null);
        bulkRefuses = true;
        changedMeanwhile.add("b");

        SweepResult result = sweeper(10).sweep(NOW, VideoMetrics.SweepTrigger.ADMIN);

        assertThat(bulkCalls).hasSize(1);
        assertThat(singleCalls).containsExactly("a", "b", "c");
        assertThat(result.expired()).isEqualTo(2);
        assertThat(cancelled).containsExactly("a", "c");
    }

    @Test
    void aFailedBulkExpiryAlsoFallsBackToOneByOne() {
        video("a", null);
        video("b", null);
        bulkFailure = new EJBException("deadlock detected");

        SweepResult result = sweeper(10).sweep(NOW, VideoMetrics.SweepTrigger.ADMIN);

        assertThat(singleCalls).containsExactly("a", "b");
        assertThat(result.expired()).isEqualTo(2);
        assertThat(cancelled).containsExactly("a", "b");
    }

    @Test
    void aBatchSizeBelowOneIsRefusedAndNothingIsTouched() {
        video("a", null);

        assertThatThrownBy(() -> sweeper(0).sweep(NOW, VideoMetrics.SweepTrigger.ADMIN))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("video.expiry.batch-size");
        assertThat(bulkCalls).isEmpty();
        assertThat(singleCalls).isEmpty();
        assertThat(cancelled).isEmpty();
    }

    private void video(String id, String answer) {
        DirectUpload upload = new DirectUpload(UploadId.of("up-" + id), URI.create("https://up.example/" + id), UploadProtocol.PUT,
                NOW.minusSeconds(72_000).plusSeconds(stale.size()));
        stale.add(Video.prepared(VideoId.of(id), "owner", id, MUX, upload, NOW.minusSeconds(10_800)));
        if (answer != null) {
            answers.put("up-" + id, answer);
        }
    }

    private StaleUploadSweeper sweeper(int batchSize) {
        StaleUploadSweeper sweeper = new StaleUploadSweeper();
        sweeper.config = new MapConfig(Map.of("video.expiry.batch-size", String.valueOf(batchSize)));
        sweeper.videos = new VideoRepository() {
            @Override
            public List<Video> stale(Instant deadlineBefore, Instant afterDeadline, VideoId afterId, int limit) {
                return stale.stream()
                        .filter(v -> v.getUploadExpiresAt().isBefore(deadlineBefore))
                        .sorted(Comparator.comparing(Video::getUploadExpiresAt).thenComparing(Video::getId))
                        .filter(v -> afterDeadline == null || v.getUploadExpiresAt().isAfter(afterDeadline)
                                || v.getUploadExpiresAt().equals(afterDeadline) && v.getId().compareTo(afterId.value()) > 0)
                        .limit(limit).toList();
            }
        };
        sweeper.metrics = metrics;
        sweeper.registry = new ProviderRegistry() {
            @Override
            public <T> Optional<T> capability(Video video, Class<T> capability) {
                return Optional.of(capability.cast(new FakeMux()));
            }
        };
        sweeper.videoService = new VideoService() {
            @Override
            public UpdateOutcome applyUpdate(ProviderUpdate update) {
                applied.add(update.videoId().value());
                return UpdateOutcome.APPLIED;
            }
        };
        sweeper.statusService = new VideoStatusService() {
            @Override
            public boolean expireAll(Map<VideoId, Long> versions, Instant firstDeadline, Instant lastDeadline) {
                // the deadline range must hold every video of the batch, and be no wider
                List<Instant> deadlines = stale.stream().filter(v -> versions.containsKey(v.id()))
                        .map(Video::getUploadExpiresAt).sorted().toList();
                assertThat(firstDeadline).isEqualTo(deadlines.get(0));
                assertThat(lastDeadline).isEqualTo(deadlines.get(deadlines.size() - 1));
                bulkCalls.add(versions.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                        e -> e.getKey().value(), Map.Entry::getValue)));
                if (bulkFailure != null) {
                    throw bulkFailure;
                }
                return !bulkRefuses;
            }

            @Override
            public boolean expire(VideoId videoId, long expectedVersion) {
                singleCalls.add(videoId.value());
                return !changedMeanwhile.contains(videoId.value());
            }
        };
        return sweeper;
    }

    /** Mux as the sweep sees it: a status lookup and an upload cancel. */
    private final class FakeMux implements StatusLookup, UploadDisposal {

        @Override
        public Optional<ProviderUpdate> lookup(VideoRef video) {
            String answer = answers.get(video.uploadId().value());
            if ("down".equals(answer)) {
                throw new ProviderUnavailableException("Mux failed: HTTP 503", true, null, null);
            }
            if ("ready".equals(answer)) {
                return Optional.of(ProviderUpdate.from(MUX).video(video.videoId()).upload(video.uploadId())
                        .ready(new ReadyDetails(AssetId.of("asset"), PlaybackId.of("pb"), null, null, 1.0, "16:9"), null));
            }
            return Optional.empty();
        }

        @Override
        public void dispose(VideoRef video) {
            cancelled.add(video.videoId().value());
        }
    }
}
