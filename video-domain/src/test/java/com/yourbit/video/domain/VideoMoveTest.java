package com.yourbit.video.domain;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoMoveTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final ProviderName MUX = ProviderName.of("mux");
    private static final VideoId VIDEO = VideoId.of("video-1");
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(10);

    @Test
    void aMoveGoesToAnotherProvider() {
        assertThatThrownBy(() -> VideoMove.queued(VIDEO, MUX, MUX, null, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSwitchedMoveIsNoLongerActiveAndLeavesTheOldAssetToDelete() {
        VideoMove move = VideoMove.queued(VIDEO, LOCAL, MUX, null, T0);
        move.ingesting("original", UploadId.of("asset-9"), AssetId.of("asset-9"), T1);
        VideoRef old = new VideoRef(VIDEO, UploadId.of("tok"), AssetId.of("tok"), PlaybackId.of("pb-old"));

        move.done(LOCAL, old, T1);

        assertThat(move.getState()).isEqualTo(MoveState.DONE);
        assertThat(move.getFinishedAt()).isEqualTo(T1);
        assertThat(move.getDisposeState()).isEqualTo(VideoMove.Disposal.PENDING);
        assertThat(move.getDisposeProvider()).isEqualTo(LOCAL);
        assertThat(move.disposal()).isEqualTo(old);
        // The captions go to the new provider before the old asset is deleted.
        assertThat(move.isCaptionsPending()).isTrue();
        move.captionsMoved(T1);
        assertThat(move.isCaptionsPending()).isFalse();
        assertThatThrownBy(() -> move.fail("late", T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> move.ingesting("mp4", UploadId.of("x"), null, T1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedMoveLeavesTheTargetsHalfMadeCopyToDeleteOnlyWhenTheTargetNamedOne() {
        VideoMove early = VideoMove.queued(VIDEO, LOCAL, MUX, null, T0);
        early.fail("the provider refused", T1);
        assertThat(early.getState()).isEqualTo(MoveState.FAILED);
        assertThat(early.getReason()).isEqualTo("the provider refused");
        assertThat(early.getDisposeState()).isEqualTo(VideoMove.Disposal.NONE);

        VideoMove started = VideoMove.queued(VIDEO, LOCAL, MUX, null, T0);
        started.ingesting("original", UploadId.of("asset-9"), AssetId.of("asset-9"), T1);
        started.fail("errored", T1);
        assertThat(started.getDisposeState()).isEqualTo(VideoMove.Disposal.PENDING);
        assertThat(started.getDisposeProvider()).isEqualTo(MUX);
        assertThat(started.disposal().assetId()).isEqualTo(AssetId.of("asset-9"));
        assertThat(started.isCaptionsPending()).as("a failed move leaves the captions where they are").isFalse();
    }

    @Test
    void theTargetsReportsAddIdsOnceAndMergeWhatItMade() {
        VideoMove move = VideoMove.queued(VIDEO, MUX, LOCAL, null, T0);
        assertThat(move.noteTarget(UploadId.of("tok-1"), null, null, T1)).isTrue();
        assertThat(move.noteTarget(UploadId.of("tok-2"), null, null, T1)).isFalse();
        assertThat(move.getTargetUploadId()).isEqualTo(UploadId.of("tok-1"));

        MediaInventory ladder = MediaInventory.of(List.of(new Rendition("360p", 640, 360, 800_000L)));
        assertThat(move.noteTarget(null, null, ladder, T1)).isTrue();
        assertThat(move.noteTarget(null, null, ladder, T1)).isFalse();
        assertThat(move.noteTarget(null, null, MediaInventory.empty().withDownload(DownloadState.READY), T1)).isTrue();
        assertThat(move.targetMedia().renditions()).extracting(Rendition::name).containsExactly("360p");
        assertThat(move.targetMedia().download()).isEqualTo(DownloadState.READY);
    }

    @Test
    void aDeleteThatFailedIsCountedAndTriedAgainLater() {
        VideoMove move = VideoMove.queued(VIDEO, LOCAL, MUX, null, T0);
        move.done(LOCAL, new VideoRef(VIDEO, UploadId.of("tok"), null, null), T1);
        move.disposeFailed("503 from the provider", T1.plusSeconds(10), T1);
        assertThat(move.getDisposeAttempts()).isEqualTo(1);
        assertThat(move.getDisposeError()).isEqualTo("503 from the provider");
        assertThat(move.getNextAttemptAt()).isEqualTo(T1.plusSeconds(10));
        move.disposed(T1.plusSeconds(10));
        assertThat(move.getDisposeState()).isEqualTo(VideoMove.Disposal.DONE);
        assertThat(move.getDisposeError()).isNull();
    }
}
