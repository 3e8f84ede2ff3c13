package com.yourbit.video.domain.captions;

import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.captions.LanguageTag;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CaptionTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);

    private static Caption caption() {
        return Caption.create(VideoId.of("video-1"), LanguageTag.parse("en"), "English", "WEBVTT\n", T0);
    }

    @Test
    void aNewCaptionIsPreparingUntilTheProviderSaysItIsReady() {
        Caption caption = caption();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.PREPARING);
        assertThat(caption.added(caption.getRef(), "track-1", false, T1)).isFalse();
        assertThat(caption.getTrackId()).isEqualTo("track-1");
        assertThat(caption.report("track-1", caption.getRef(), CaptionStatus.READY, null, T1)).isTrue();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.READY);
        assertThat(caption.report("track-1", caption.getRef(), CaptionStatus.READY, null, T1)).as("again").isFalse();
    }

    @Test
    void aReadyReportBeforeTheProvidersAnswerStillCounts() {
        Caption caption = caption();
        assertThat(caption.report("track-1", caption.getRef(), CaptionStatus.READY, null, T1)).isTrue();
        assertThat(caption.getTrackId()).isEqualTo("track-1");
        // The answer to our request arrives after: ready stays ready.
        assertThat(caption.added(caption.getRef(), "track-1", false, T1)).isFalse();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.READY);
    }

    @Test
    void reportsAboutAReplacedVersionChangeNothing() {
        Caption caption = caption();
        String oldRef = caption.getRef();
        caption.added(oldRef, "track-1", false, T1);
        caption.replace("English", "WEBVTT\n\n00:01.000 --> 00:02.000\nnew\n", T1);
        caption.added(caption.getRef(), "track-2", false, T1);
        assertThat(caption.report("track-1", oldRef, CaptionStatus.ERRORED, "bad", T1)).isFalse();
        assertThat(caption.report("track-1", null, CaptionStatus.ERRORED, "bad", T1)).as("by the old track id").isFalse();
        assertThat(caption.added(oldRef, "track-1", true, T1)).as("a late answer to the old request").isFalse();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.PREPARING);
        assertThat(caption.getTrackId()).isEqualTo("track-2");
        assertThat(caption.report("track-2", null, CaptionStatus.READY, null, T1)).as("by the new track id").isTrue();
    }

    @Test
    void anErrorIsKeptAndAReadyAfterItDoesNotUndoIt() {
        Caption caption = caption();
        caption.added(caption.getRef(), "track-1", false, T1);
        assertThat(caption.report("track-1", caption.getRef(), CaptionStatus.ERRORED, "x".repeat(600), T1)).isTrue();
        assertThat(caption.getErrorReason()).hasSize(500);
        assertThat(caption.report("track-1", caption.getRef(), CaptionStatus.READY, null, T1)).isFalse();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.ERRORED);
        // A new version starts over.
        caption.replace("English", "WEBVTT\n", T1);
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.PREPARING);
        assertThat(caption.getErrorReason()).isNull();
    }

    @Test
    void aFailedRequestErrorsOnlyItsOwnVersion() {
        Caption caption = caption();
        String oldRef = caption.getRef();
        caption.replace("English", "WEBVTT\n", T1);
        assertThat(caption.failed(oldRef, "refused", T1)).isFalse();
        assertThat(caption.failed(caption.getRef(), "refused", T1)).isTrue();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.ERRORED);
    }

    @Test
    void aDetachedCaptionIsANewVersionWithoutATrack() {
        Caption caption = caption();
        String oldRef = caption.getRef();
        caption.added(oldRef, "track-1", true, T1);
        caption.detach(T1);
        assertThat(caption.getRef()).isNotEqualTo(oldRef);
        assertThat(caption.getTrackId()).isNull();
        assertThat(caption.getStatus()).isEqualTo(CaptionStatus.PREPARING);
        assertThat(caption.getWebVtt()).isEqualTo("WEBVTT\n");
    }
}
