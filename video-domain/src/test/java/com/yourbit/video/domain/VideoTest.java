package com.yourbit.video.domain;

import java.util.List;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.SourceFile;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final ReadyDetails DETAILS = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("pb-1"),
            URI.create("https://cdn.example/pb-1.m3u8"), URI.create("https://cdn.example/pb-1.jpg"), 12.5, "16:9");

    private static Video preparing() {
        DirectUpload upload = new DirectUpload(UploadId.of("upload-1"), URI.create("https://up.example/upload-1"),
                UploadProtocol.TUS, T0.plusSeconds(3600));
        return Video.prepared(VideoId.of("video-1"), "owner-1", "Title", LOCAL, upload, T0);
    }

    private static ProviderUpdate update(ProviderState state, String assetId, ReadyDetails ready, String reason) {
        ProviderUpdate.Builder about = ProviderUpdate.from(LOCAL).event(EventKey.of("event")).upload(UploadId.of("upload-1"))
                .asset(AssetId.ofNullable(assetId));
        return switch (state) {
            case PROCESSING -> about.processing(T1);
            case READY -> about.ready(ready, T1);
            case ERRORED -> about.errored(reason, T1);
            case GONE -> about.gone(reason, T1);
            case MEDIA -> about.mediaChanged(MediaInventory.empty(), T1);
            case TRACK -> about.trackChanged(new com.yourbit.video.api.TrackReport("t1", null,
                    com.yourbit.video.api.TrackReport.State.READY, null), T1);
        };
    }

    private static ProviderUpdate ready(ReadyDetails details) {
        return ProviderUpdate.from(LOCAL).event(EventKey.of("event")).upload(UploadId.of("upload-1")).ready(details, T1);
    }

    private static Video readyVideo() {
        Video video = preparing();
        video.apply(ready(DETAILS), T1);
        return video;
    }

    private static Video expiredVideo() {
        Video video = preparing();
        video.expire(T1);
        return video;
    }

    private static Video erroredVideo() {
        Video video = preparing();
        video.markErrored("broken", T1);
        return video;
    }

    @Test
    void preparedVideoIsPreparingAndWaiting() {
        Video video = preparing();

        assertThat(video.getStatus()).isEqualTo(VideoStatus.PREPARING);
        assertThat(video.getUploadStatus()).isEqualTo("waiting");
        assertThat(video.getUploadProtocol()).isEqualTo("tus");
        assertThat(video.getProvider()).isEqualTo(LOCAL);
        assertThat(video.getReadyAt()).isNull();
    }

    @Test
    void aVideoFetchedFromAUrlAwaitsNoUploadAndBecomesReadyLikeAnother() {
        Video video = Video.ingesting(VideoId.of("video-2"), "owner-1", "Title", LOCAL,
                new IngestStarted(UploadId.of("upload-2"), null), T0, T0.plusSeconds(21600));
        assertThat(video.getStatus()).isEqualTo(VideoStatus.PREPARING);
        assertThat(video.awaitsUpload()).isFalse();
        assertThat(video.getUploadUrl()).isNull();
        assertThat(video.getUploadProtocol()).isNull();
        assertThat(video.getUploadStatus()).isEqualTo("ingesting");
        assertThat(video.getUploadExpiresAt()).isEqualTo(T0.plusSeconds(21600));
        assertThat(video.assetId()).isNull();
        assertThat(preparing().awaitsUpload()).isTrue();

        video.apply(ProviderUpdate.from(LOCAL).upload(UploadId.of("upload-2")).ready(DETAILS, T1), T1);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(video.awaitsUpload()).isFalse();
    }

    @Test
    void preparingBecomesReadyWithTheProviderDetails() {
        Video video = preparing();

        assertThat(video.apply(ready(DETAILS), T1)).isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(video.getPlaybackId()).isEqualTo("pb-1");
        assertThat(video.getExtId()).isEqualTo("asset-1");
        assertThat(video.getDurationSeconds()).isEqualTo(12.5);
        assertThat(video.getAspectRatio()).isEqualTo("16:9");
        assertThat(video.getExtUrl()).isEqualTo("https://cdn.example/pb-1.m3u8");
        assertThat(video.getThumbnail()).isEqualTo("https://cdn.example/pb-1.jpg");
        assertThat(video.getUploadStatus()).isEqualTo("complete");
        assertThat(video.getReadyAt()).isEqualTo(T1);
        assertThat(video.getUpdatedAt()).isEqualTo(T1);
    }

    @Test
    void preparingBecomesErroredWithTheReason() {
        Video video = preparing();

        assertThat(video.apply(update(ProviderState.ERRORED, null, null, "not a video"), T1))
                .isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getStatus()).isEqualTo(VideoStatus.ERRORED);
        assertThat(video.getErrorReason()).isEqualTo("not a video");
        assertThat(video.getUpdatedAt()).isEqualTo(T1);
    }

    @Test
    void preparingExpires() {
        Video video = preparing();

        assertThat(video.expire(T1)).isTrue();

        assertThat(video.getStatus()).isEqualTo(VideoStatus.EXPIRED);
        assertThat(video.getUploadStatus()).isEqualTo("timed_out");
        assertThat(video.expire(T2)).as("expiring again is a no-op").isFalse();
        assertThat(video.getUpdatedAt()).isEqualTo(T1);
    }

    @Test
    void goneWhilePreparingExpires() {
        Video video = preparing();

        assertThat(video.apply(update(ProviderState.GONE, null, null, null), T1)).isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getStatus()).isEqualTo(VideoStatus.EXPIRED);
    }

    @Test
    void processingStoresTheAssetIdAndKeepsPreparing() {
        Video video = preparing();

        assertThat(video.apply(update(ProviderState.PROCESSING, "asset-1", null, null), T1))
                .isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getStatus()).isEqualTo(VideoStatus.PREPARING);
        assertThat(video.getExtId()).isEqualTo("asset-1");
        assertThat(video.getUploadStatus()).isEqualTo("asset_created");
        assertThat(video.apply(update(ProviderState.PROCESSING, "asset-1", null, null), T2))
                .isEqualTo(UpdateOutcome.UNCHANGED);
        assertThat(video.getUpdatedAt()).isEqualTo(T1);
    }

    @Test
    void repeatedReadyWithSameDetailsIsUnchanged() {
        Video video = readyVideo();

        assertThat(video.apply(ready(DETAILS), T2)).isEqualTo(UpdateOutcome.UNCHANGED);

        assertThat(video.getUpdatedAt()).isEqualTo(T1);
        assertThat(video.getReadyAt()).isEqualTo(T1);
    }

    @Test
    void repeatedReadyWithNewDetailsRefreshesThemButKeepsReadyAt() {
        Video video = readyVideo();
        ReadyDetails refreshed = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("pb-2"), null, null, 13.0, null);

        assertThat(video.apply(ready(refreshed), T2)).isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getPlaybackId()).isEqualTo("pb-2");
        assertThat(video.getDurationSeconds()).isEqualTo(13.0);
        assertThat(video.getAspectRatio()).as("absent detail keeps the known value").isEqualTo("16:9");
        assertThat(video.getExtUrl()).isEqualTo("https://cdn.example/pb-1.m3u8");
        assertThat(video.getReadyAt()).isEqualTo(T1);
        assertThat(video.getUpdatedAt()).isEqualTo(T2);
    }

    @Test
    void readyBecomesErroredWhenTheProviderLostTheAsset() {
        Video video = readyVideo();

        assertThat(video.apply(update(ProviderState.GONE, null, null, null), T2)).isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getStatus()).isEqualTo(VideoStatus.ERRORED);
        assertThat(video.getErrorReason()).isEqualTo("the provider no longer has this video");
    }

    @Test
    void expiredMayStillBecomeReady() {
        Video video = expiredVideo();

        assertThat(video.apply(ready(DETAILS), T2)).isEqualTo(UpdateOutcome.APPLIED);

        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(video.getPlaybackId()).isEqualTo("pb-1");
        assertThat(video.getReadyAt()).isEqualTo(T2);
    }

    @Test
    void erroredCannotBecomeReady() {
        Video video = erroredVideo();

        assertThatThrownBy(() -> video.apply(ready(DETAILS), T2))
                .isInstanceOf(IllegalTransitionException.class)
                .extracting(e -> ((VideoException) e).code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> video.markReady(DETAILS, T2)).isInstanceOf(IllegalTransitionException.class);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.ERRORED);
        assertThat(video.getPlaybackId()).isNull();
    }

    @Test
    void readyCannotExpire() {
        Video video = readyVideo();

        assertThatThrownBy(() -> video.expire(T2)).isInstanceOf(IllegalTransitionException.class);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
    }

    @Test
    void expiredCannotBecomeErrored() {
        Video video = expiredVideo();

        assertThatThrownBy(() -> video.markErrored("late", T2)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> video.apply(update(ProviderState.ERRORED, null, null, "late"), T2))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.EXPIRED);
        assertThat(video.getErrorReason()).isNull();
    }

    @Test
    void repeatedEventsOnFinalStatesAreUnchanged() {
        Video errored = erroredVideo();
        assertThat(errored.apply(update(ProviderState.ERRORED, null, null, "again"), T2)).isEqualTo(UpdateOutcome.UNCHANGED);
        assertThat(errored.getErrorReason()).isEqualTo("broken");
        assertThat(errored.apply(update(ProviderState.GONE, null, null, null), T2)).isEqualTo(UpdateOutcome.UNCHANGED);
        assertThat(expiredVideo().apply(update(ProviderState.GONE, null, null, null), T2)).isEqualTo(UpdateOutcome.UNCHANGED);
    }

    @Test
    void errorReasonIsDefaultedAndTruncated() {
        Video unnamed = preparing();
        unnamed.markErrored(null, T1);
        assertThat(unnamed.getErrorReason()).isEqualTo("the provider reported an error");

        Video longReason = preparing();
        longReason.markErrored("x".repeat(5000), T1);
        assertThat(longReason.getErrorReason()).hasSize(1000);
    }

    @Test
    void theUploadersFileDescriptionIsKeptOnceAndNotAfterTheVideoIsDone() {
        Video video = preparing();
        ProviderUpdate described = ProviderUpdate.from(LOCAL).event(EventKey.of("complete")).upload(UploadId.of("upload-1"))
                .source(SourceFile.of("holiday.mp4", "Video/MP4")).processing(T1);

        assertThat(video.apply(described, T1)).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.getSourceFilename()).isEqualTo("holiday.mp4");
        assertThat(video.getSourceFiletype()).isEqualTo("video/mp4");
        assertThat(video.apply(described, T2)).isEqualTo(UpdateOutcome.UNCHANGED);

        Video ready = readyVideo();
        ready.apply(described, T2);
        assertThat(ready.getSourceFilename()).isNull();
    }

    @Test
    void aFileDescriptionIsBoundedAndAFileTypeThatIsNoMediaTypeIsDropped() {
        SourceFile file = SourceFile.of("🎬".repeat(300), "text/html; <script>");

        assertThat(file.filename().codePointCount(0, file.filename().length())).isEqualTo(SourceFile.MAX_FILENAME);
        assertThat(file.filetype()).isNull();
        assertThat(SourceFile.of("  ", "nonsense")).isNull();
        assertThat(SourceFile.of(null, "video/quicktime").filetype()).isEqualTo("video/quicktime");
    }

    @Test
    void aRelayedUploadIsRecordedOnceAndItsAssetIdThenMatchesTheProvidersReports() {
        Video video = preparing();
        Instant providerDeadline = T0.plusSeconds(1800);
        assertThat(video.noteUploadCreated(AssetId.of("uid-1"), providerDeadline, T1)).isTrue();
        assertThat(video.getExtId()).isEqualTo("uid-1");
        assertThat(video.getUploadExpiresAt()).isEqualTo(providerDeadline);
        assertThat(video.getUploadId()).isEqualTo("upload-1");
        assertThat(video.getStatus()).isEqualTo(VideoStatus.PREPARING);

        assertThat(video.noteUploadCreated(AssetId.of("uid-2"), T2, T2)).as("a second creation").isFalse();
        assertThat(video.getExtId()).isEqualTo("uid-1");
        assertThat(video.getUploadExpiresAt()).isEqualTo(providerDeadline);
        assertThat(readyVideo().noteUploadCreated(AssetId.of("uid-3"), T2, T2)).as("no longer preparing").isFalse();
        assertThat(expiredVideo().noteUploadCreated(AssetId.of("uid-3"), T2, T2)).isFalse();
    }

    private static ProviderUpdate media(MediaInventory inventory) {
        return ProviderUpdate.from(LOCAL).event(EventKey.of("media")).upload(UploadId.of("upload-1")).mediaChanged(inventory, T2);
    }

    @Test
    void mediaReportsOnlyAddRenditionsAndNeverUndoADownload() {
        Video video = readyVideo();
        Rendition low = new Rendition("240p", 426, 240, 400_000L);
        Rendition high = new Rendition("720p", 1280, 720, 2_400_000L);
        assertThat(video.apply(media(MediaInventory.of(List.of(high)).withDownload(DownloadState.READY)), T2))
                .isEqualTo(UpdateOutcome.APPLIED);
        // An older report arriving late: its rendition is added, its download state ignored.
        assertThat(video.apply(media(MediaInventory.of(List.of(low)).withDownload(DownloadState.PREPARING)), T2))
                .isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.media().renditions()).containsExactly(low, high);
        assertThat(video.media().download()).isEqualTo(DownloadState.READY);
        assertThat(video.apply(media(MediaInventory.of(List.of(low))), T2)).isEqualTo(UpdateOutcome.UNCHANGED);
    }

    @Test
    void mediaMayBeReportedBeforeTheVideoIsReady() {
        Video video = preparing();
        assertThat(video.apply(media(MediaInventory.empty().withDownload(DownloadState.PREPARING)), T1))
                .isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.getStatus()).isEqualTo(VideoStatus.PREPARING);
        assertThat(video.media().download()).isEqualTo(DownloadState.PREPARING);
    }

    @Test
    void readyUpdateCarriesMedia() {
        Video video = readyVideo();
        ProviderUpdate again = ProviderUpdate.from(LOCAL).event(EventKey.of("event-2")).upload(UploadId.of("upload-1"))
                .media(MediaInventory.of(List.of(new Rendition("360p", 640, 360, 800_000L))).withStoryboard(true))
                .ready(new ReadyDetails(AssetId.of(video.getExtId()), video.playbackId(), null, null,
                        video.getDurationSeconds(), video.getAspectRatio()), T2);
        assertThat(video.apply(again, T2)).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.media().storyboard()).isTrue();
        assertThat(video.media().renditions()).extracting(Rendition::name).containsExactly("360p");
    }

    @Test
    void aNewDownloadAttemptFollowsAnErroredOneButNothingUndoesReady() {
        Video video = readyVideo();
        assertThat(video.apply(media(MediaInventory.empty().withDownload(DownloadState.ERRORED)), T2)).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(video.noteDownloadRequested(DownloadState.PREPARING, T2)).isTrue();
        assertThat(video.media().download()).isEqualTo(DownloadState.PREPARING);
        assertThat(video.noteDownloadRequested(DownloadState.READY, T2)).isTrue();
        assertThat(video.noteDownloadRequested(DownloadState.PREPARING, T2)).isFalse();
        assertThat(video.media().download()).isEqualTo(DownloadState.READY);
    }

    @Test
    void aSwitchToAnotherProviderReplacesIdsUrlsAndMediaAndKeepsWhatTheCopyDoesNotTell() {
        Video video = readyVideo();
        video.apply(ProviderUpdate.from(LOCAL).upload(UploadId.of("upload-1"))
                .mediaChanged(MediaInventory.of(List.of(new Rendition("720p", 1280, 720, 2_400_000L)))
                        .withDownload(DownloadState.READY).withStoryboard(true), T1), T1);
        long readyAt = video.getReadyAt().toEpochMilli();
        ReadyDetails copy = new ReadyDetails(AssetId.of("mux-asset"), PlaybackId.of("mux-pb"), null, null, null, null);

        video.switchProvider(ProviderName.of("mux"), UploadId.of("mux-asset"), copy,
                MediaInventory.of(List.of(new Rendition("highest", null, null, null))), T2);

        assertThat(video.getProvider()).isEqualTo(ProviderName.of("mux"));
        assertThat(video.getStatus()).isEqualTo(VideoStatus.READY);
        assertThat(video.uploadId()).isEqualTo(UploadId.of("mux-asset"));
        assertThat(video.assetId()).isEqualTo(AssetId.of("mux-asset"));
        assertThat(video.playbackId()).isEqualTo(PlaybackId.of("mux-pb"));
        // The old provider's URLs would be wrong now: gone, not kept.
        assertThat(video.getExtUrl()).isNull();
        assertThat(video.getThumbnail()).isNull();
        assertThat(video.getDurationSeconds()).isEqualTo(12.5);
        assertThat(video.getAspectRatio()).isEqualTo("16:9");
        assertThat(video.media().renditions()).extracting(Rendition::name).containsExactly("highest");
        assertThat(video.media().download()).isEqualTo(DownloadState.NONE);
        assertThat(video.media().storyboard()).isFalse();
        assertThat(video.getReadyAt().toEpochMilli()).isEqualTo(readyAt);
        assertThat(video.getUpdatedAt()).isEqualTo(T2);
    }

    @Test
    void onlyAReadyVideoSwitchesAndNeverToTheProviderItIsAt() {
        ReadyDetails copy = new ReadyDetails(AssetId.of("a"), PlaybackId.of("p"), null, null, null, null);
        assertThatThrownBy(() -> preparing().switchProvider(ProviderName.of("mux"), UploadId.of("a"), copy, null, T2))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> readyVideo().switchProvider(LOCAL, UploadId.of("a"), copy, null, T2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aCaptionChangeAlwaysChangesTheVideoEvenInTheSameMicrosecond() {
        Video video = preparing();
        java.time.Instant before = video.getUpdatedAt();
        video.noteCaptionsChanged(before);
        assertThat(video.getUpdatedAt()).isAfter(before);
        java.time.Instant later = before.plusSeconds(5);
        video.noteCaptionsChanged(later);
        assertThat(video.getUpdatedAt()).isEqualTo(later);
    }
}
