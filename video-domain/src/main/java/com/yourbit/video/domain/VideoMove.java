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
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One move of a video from its provider to another: the new provider fetches the file from a
 * signed URL of the old one while the video keeps playing from the old one; when the new one
 * reports ready, the video is switched in one transaction and the old asset deleted after it.
 *
 * <p>Lifecycle in {@link MoveState}. Invariants: while {@link MoveState#active() active},
 * {@code activeVideoId} is the video's id, whose unique constraint allows one active move per
 * video; a finished move never becomes active again. What is left to delete at a provider
 * after the move ended (the old asset after a switch, the target's half-made one after a
 * failure) is {@link #disposal()}, kept until the provider confirmed the delete.
 */
@Entity
@Table(name = "video_move")
public class VideoMove {

    /** Whether an asset is left to delete at a provider. */
    public enum Disposal { NONE, PENDING, DONE }

    private static final int REASON_MAX = 1000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "video_id", nullable = false, length = 36)
    private String videoId;

    @Column(name = "active_video_id", length = 36)
    private String activeVideoId;

    @Column(name = "batch_id", length = 36)
    private String batchId;

    @Column(name = "from_provider", nullable = false, length = 32)
    private String fromProvider;

    @Column(name = "to_provider", nullable = false, length = 32)
    private String toProvider;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private MoveState state;

    /** Which file of the old provider the new one fetches, e.g. {@code original} or {@code mp4}. */
    @Column(name = "source_kind", length = 16)
    private String sourceKind;

    @Column(name = "target_upload_id")
    private String targetUploadId;

    @Column(name = "target_asset_id")
    private String targetAssetId;

    /** What the new provider reported it made so far, carried over at the switch. */
    @Convert(converter = RenditionsColumn.class)
    @Column(name = "target_renditions", length = 4000)
    private List<Rendition> targetRenditions = List.of();

    @Enumerated(EnumType.STRING)
    @Column(name = "target_download", nullable = false, length = 16)
    private DownloadState targetDownload = DownloadState.NONE;

    @Column(name = "target_storyboard", nullable = false)
    private boolean targetStoryboard;

    @Column(length = REASON_MAX)
    private String reason;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "ingest_started_at")
    private Instant ingestStartedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** Switched, and the video's captions are still to be re-added at the new provider. */
    @Column(name = "captions_pending", nullable = false)
    private boolean captionsPending;

    @Enumerated(EnumType.STRING)
    @Column(name = "dispose_state", nullable = false, length = 16)
    private Disposal disposeState = Disposal.NONE;

    @Column(name = "dispose_provider", length = 32)
    private String disposeProvider;

    @Column(name = "dispose_upload_id")
    private String disposeUploadId;

    @Column(name = "dispose_asset_id")
    private String disposeAssetId;

    @Column(name = "dispose_playback_id")
    private String disposePlaybackId;

    @Column(name = "dispose_attempts", nullable = false)
    private int disposeAttempts;

    @Column(name = "dispose_error", length = 500)
    private String disposeError;

    @Version
    private long version;

    protected VideoMove() {
        // for JPA
    }

    /** A move asked for now; a worker takes it up from {@code now} on. */
    public static VideoMove queued(VideoId videoId, ProviderName from, ProviderName to, String batchId, Instant now) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a move goes to another provider");
        }
        VideoMove move = new VideoMove();
        move.id = UUID.randomUUID().toString();
        move.videoId = videoId.value();
        move.activeVideoId = videoId.value();
        move.batchId = batchId;
        move.fromProvider = from.value();
        move.toProvider = to.value();
        move.state = MoveState.QUEUED;
        move.nextAttemptAt = now;
        move.createdAt = now;
        move.updatedAt = now;
        return move;
    }

    /** The old provider is making the source file; look again at {@code next}. */
    public void waitForSource(Instant next, Instant now) {
        requireActive();
        if (state == MoveState.INGESTING) {
            throw new IllegalStateException("move " + id + " is already ingesting");
        }
        state = MoveState.WAITING_FOR_SOURCE;
        nextAttemptAt = next;
        updatedAt = now;
    }

    /** The new provider took the source URL; from now on its reports belong to this move. */
    public void ingesting(String source, UploadId uploadId, AssetId assetId, Instant now) {
        requireActive();
        state = MoveState.INGESTING;
        sourceKind = source;
        noteTarget(uploadId, assetId, null, now);
        ingestStartedAt = now;
        updatedAt = now;
    }

    /** A step that may succeed later (the provider failed or timed out): counted, tried again at {@code next}. */
    public void retryLater(String why, Instant next, Instant now) {
        requireActive();
        attempts++;
        reason = truncate(why, REASON_MAX);
        nextAttemptAt = next;
        updatedAt = now;
    }

    /**
     * What the new provider reported of the copy: its ids where not known yet (a report may
     * come before the ingest call returned) and what it made, merged like a video's media.
     * True when anything changed.
     */
    public boolean noteTarget(UploadId uploadId, AssetId assetId, MediaInventory media, Instant now) {
        boolean changed = false;
        if (uploadId != null && targetUploadId == null) {
            targetUploadId = uploadId.value();
            changed = true;
        }
        if (assetId != null && targetAssetId == null) {
            targetAssetId = assetId.value();
            changed = true;
        }
        if (media != null) {
            MediaInventory current = targetMedia();
            MediaInventory merged = current.merge(media);
            if (!merged.equals(current)) {
                targetRenditions = merged.renditions();
                targetDownload = merged.download();
                targetStoryboard = merged.storyboard();
                changed = true;
            }
        }
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /**
     * The video was switched; its captions are to be re-added at the new provider, then
     * {@code old} (at {@code oldProvider}) is left to delete.
     */
    public void done(ProviderName oldProvider, VideoRef old, Instant now) {
        requireActive();
        state = MoveState.DONE;
        reason = null;
        finish(now);
        captionsPending = true;
        disposeLater(oldProvider, old);
    }

    /** The video's captions were handed to the new provider (each one's own status tells how it went). */
    public void captionsMoved(Instant now) {
        captionsPending = false;
        updatedAt = now;
    }

    /**
     * The move ends without touching the video; the target's half-made asset, if the target
     * ever named one, is left to delete.
     */
    public void fail(String why, Instant now) {
        requireActive();
        state = MoveState.FAILED;
        reason = truncate(why == null ? "the move failed" : why, REASON_MAX);
        finish(now);
        if (targetUploadId != null || targetAssetId != null) {
            disposeLater(getTo(), targetRef());
        }
    }

    /** The provider confirmed the delete. */
    public void disposed(Instant now) {
        disposeState = Disposal.DONE;
        disposeError = null;
        claimedBy = null;
        claimedUntil = null;
        updatedAt = now;
    }

    /** The delete failed; tried again at {@code next}. */
    public void disposeFailed(String error, Instant next, Instant now) {
        disposeAttempts++;
        disposeError = truncate(error == null ? "the provider did not confirm the delete" : error, 500);
        nextAttemptAt = next;
        claimedBy = null;
        claimedUntil = null;
        updatedAt = now;
    }

    /** Lets go of a worker's lease, e.g. after a step that leaves the move for later. */
    public void release() {
        claimedBy = null;
        claimedUntil = null;
    }

    /** What the new provider knows its copy by, as a video of it would be known. */
    public VideoRef targetRef() {
        return new VideoRef(getVideoId(), UploadId.ofNullable(targetUploadId), AssetId.ofNullable(targetAssetId), null);
    }

    /** The asset left to delete, if any. */
    public VideoRef disposal() {
        return new VideoRef(getVideoId(), UploadId.ofNullable(disposeUploadId), AssetId.ofNullable(disposeAssetId),
                PlaybackId.ofNullable(disposePlaybackId));
    }

    public MediaInventory targetMedia() {
        return new MediaInventory(targetRenditions == null ? List.of() : targetRenditions,
                targetDownload == null ? DownloadState.NONE : targetDownload, targetStoryboard);
    }

    private void disposeLater(ProviderName provider, VideoRef ref) {
        disposeState = Disposal.PENDING;
        disposeProvider = provider.value();
        disposeUploadId = ref.uploadId() == null ? null : ref.uploadId().value();
        disposeAssetId = ref.assetId() == null ? null : ref.assetId().value();
        disposePlaybackId = ref.playbackId() == null ? null : ref.playbackId().value();
        disposeAttempts = 0;
        disposeError = null;
    }

    private void finish(Instant now) {
        activeVideoId = null;
        finishedAt = now;
        updatedAt = now;
        nextAttemptAt = now;
        claimedBy = null;
        claimedUntil = null;
    }

    private void requireActive() {
        if (!state.active()) {
            throw new IllegalStateException("move " + id + " is " + state.wireName());
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    public String getId() { return id; }
    public VideoId getVideoId() { return VideoId.of(videoId); }
    public String getBatchId() { return batchId; }
    public ProviderName getFrom() { return ProviderName.of(fromProvider); }
    public ProviderName getTo() { return ProviderName.of(toProvider); }
    public MoveState getState() { return state; }
    public String getSourceKind() { return sourceKind; }
    public UploadId getTargetUploadId() { return UploadId.ofNullable(targetUploadId); }
    public AssetId getTargetAssetId() { return AssetId.ofNullable(targetAssetId); }
    public String getReason() { return reason; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getIngestStartedAt() { return ingestStartedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public boolean isCaptionsPending() { return captionsPending; }
    public Disposal getDisposeState() { return disposeState; }
    public ProviderName getDisposeProvider() { return disposeProvider == null ? null : ProviderName.of(disposeProvider); }
    public int getDisposeAttempts() { return disposeAttempts; }
    public String getDisposeError() { return disposeError; }
    public long getVersion() { return version; }

    @Override
    public String toString() {
        return "move " + id + " of video " + videoId + " " + fromProvider + " -> " + toProvider + " (" + state.wireName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoMove m && Objects.equals(m.id, id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
