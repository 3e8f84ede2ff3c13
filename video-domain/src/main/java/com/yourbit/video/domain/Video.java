package com.yourbit.video.domain;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.SourceFile;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoRef;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One video of one owner, stored at one provider ({@code storageType}).
 *
 * <p>Lifecycle: a video is born {@code preparing} when its provider hands out an upload URL,
 * or when its provider starts fetching its file from a URL (then it has no upload URL).
 * It becomes {@code ready} when the provider reports a playable asset, {@code errored} when
 * the provider reports a failure, or {@code expired} when its upload went stale.
 * Allowed changes:
 * <pre>
 *   preparing -> ready | errored | expired
 *   ready     -> ready (details refreshed) | errored (the provider lost the asset)
 *   expired   -> ready (the provider finished after all: the asset exists)
 *   errored   -> (final)
 * </pre>
 * Anything else throws {@link IllegalTransitionException}. Changing to the status a video
 * already has is a no-op, which makes repeated provider events harmless. The {@code version}
 * column gives optimistic locking: two concurrent changes cannot both commit.
 * The changes are public for {@code videos.VideoStatusService} alone, which owns their
 * transactions; architecture-test's ArchitectureTest holds every other class to that.
 */
@Entity
@Table(name = "video")
// Native SQL: the ids travel as one array parameter, not one bound parameter each.
@NamedNativeQuery(name = Video.EXPIRE_ALL, query = "update video set"
        + " status = 'EXPIRED', upload_status = '" + Video.TIMED_OUT + "', updated_at = :now, version = version + 1"
        + " where id = any(:ids) and version = :version and status = 'PREPARING'")
public class Video {

    /**
     * {@link #expire} for many videos in one statement, for the stale-upload sweep: the same
     * rule (only {@code preparing} expires, the upload becomes {@code timed_out}) and the same
     * version check and increment as an entity update, so a video changed since the caller
     * read it at {@code :version} is not touched. Keep the two in step.
     */
    static final String EXPIRE_ALL = "Video.expireAll";

    static final String TIMED_OUT = "timed_out";
    /** The upload status of a video whose provider fetches it from a URL. */
    static final String INGESTING = "ingesting";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    private String title;

    @Column(name = "storage_type", nullable = false)
    private String storageType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VideoStatus status;

    @Column(name = "upload_id", nullable = false)
    private String uploadId;

    /** The provider's word for the upload (e.g. waiting, asset_created, complete). */
    @Column(name = "upload_status", nullable = false)
    private String uploadStatus;

    /** Null for a video its provider fetches from a URL: no client uploads it. */
    @Column(name = "upload_url")
    private String uploadUrl;

    @Column(name = "upload_protocol")
    private String uploadProtocol;

    @Column(name = "upload_expires_at", nullable = false)
    private Instant uploadExpiresAt;

    @Column(name = "ext_id")
    private String extId;

    @Column(name = "ext_url")
    private String extUrl;

    @Column(name = "playback_id")
    private String playbackId;

    private String thumbnail;

    @Column(name = "duration_seconds")
    private Double durationSeconds;

    @Column(name = "aspect_ratio")
    private String aspectRatio;

    @Column(name = "error_reason")
    private String errorReason;

    /** What the uploader said about its file (informational, client-supplied). */
    @Column(name = "source_filename")
    private String sourceFilename;

    @Column(name = "source_filetype")
    private String sourceFiletype;

    /** The size the local upload declared, counted against video.limits.upload-bytes-per-user (limits.UserLimitGate). */
    @Column(name = "upload_length")
    private Long uploadLength;

    /** What the provider made besides playback (renditions, MP4, storyboard): see {@link #media()}. */
    @Convert(converter = RenditionsColumn.class)
    @Column(length = 4000)
    private List<Rendition> renditions = List.of();

    @Enumerated(EnumType.STRING)
    @Column(name = "download_state", nullable = false, length = 16)
    private DownloadState downloadState = DownloadState.NONE;

    @Column(nullable = false)
    private boolean storyboard;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "ready_at")
    private Instant readyAt;

    @Version
    private long version;

    protected Video() {
        // for JPA
    }

    /** A new video whose upload URL the provider has just issued. */
    public static Video prepared(VideoId id, String ownerId, String title, ProviderName provider,
                                 DirectUpload upload, Instant now) {
        Video video = new Video();
        video.id = id.value();
        video.ownerId = Objects.requireNonNull(ownerId);
        video.title = title;
        video.storageType = provider.value();
        video.status = VideoStatus.PREPARING;
        video.uploadId = upload.uploadId().value();
        video.uploadStatus = "waiting";
        video.uploadUrl = upload.url().toString();
        video.uploadProtocol = upload.protocol().wireName();
        video.uploadExpiresAt = upload.expiresAt();
        video.createdAt = now;
        video.updatedAt = now;
        return video;
    }

    /**
     * A new video whose provider fetches its file from a URL: there is no upload URL (no
     * client sends bytes), and {@code deadline} bounds how long it may stay {@code preparing}.
     */
    public static Video ingesting(VideoId id, String ownerId, String title, ProviderName provider,
                                  IngestStarted started, Instant now, Instant deadline) {
        Video video = new Video();
        video.id = id.value();
        video.ownerId = Objects.requireNonNull(ownerId);
        video.title = title;
        video.storageType = provider.value();
        video.status = VideoStatus.PREPARING;
        video.uploadId = started.uploadId().value();
        video.uploadStatus = INGESTING;
        video.extId = started.assetId() == null ? null : started.assetId().value();
        video.uploadExpiresAt = Objects.requireNonNull(deadline);
        video.createdAt = now;
        video.updatedAt = now;
        return video;
    }

    /** Whether a client is to upload the file (else the provider fetches it from a URL). */
    public boolean awaitsUpload() {
        return status == VideoStatus.PREPARING && uploadUrl != null;
    }

    /** The provider made an asset from the upload; still processing. */
    boolean noteProcessing(AssetId assetId, Instant now) {
        boolean changed = false;
        if (assetId != null && extId == null) {
            extId = assetId.value();
            changed = true;
        }
        if (status == VideoStatus.PREPARING && !"asset_created".equals(uploadStatus)) {
            uploadStatus = "asset_created";
            changed = true;
        }
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /**
     * The provider created the upload this video's creation endpoint relayed (tus): from now
     * on its asset id is known, and the provider's own deadline for the bytes applies.
     * False when the video is no longer waiting for that (not preparing, or already created).
     */
    public boolean noteUploadCreated(AssetId assetId, Instant expiresAt, Instant now) {
        if (status != VideoStatus.PREPARING || extId != null) {
            return false;
        }
        extId = assetId.value();
        uploadExpiresAt = Objects.requireNonNull(expiresAt);
        updatedAt = now;
        return true;
    }

    boolean markReady(ReadyDetails details, Instant now) {
        if (status == VideoStatus.ERRORED) {
            throw new IllegalTransitionException(status, VideoStatus.READY);
        }
        boolean wasReady = status == VideoStatus.READY;
        if (details.assetId() != null) {
            extId = details.assetId().value();
        }
        playbackId = details.playbackId().value();
        extUrl = details.extUrl() == null ? extUrl : details.extUrl().toString();
        thumbnail = details.thumbnail() == null ? thumbnail : details.thumbnail().toString();
        if (details.durationSeconds() != null) {
            durationSeconds = details.durationSeconds();
        }
        if (details.aspectRatio() != null) {
            aspectRatio = details.aspectRatio();
        }
        status = VideoStatus.READY;
        uploadStatus = "complete";
        errorReason = null;
        if (!wasReady) {
            readyAt = now;
        }
        updatedAt = now;
        return true;
    }

    boolean markErrored(String reason, Instant now) {
        if (status == VideoStatus.ERRORED) {
            return false;
        }
        if (status == VideoStatus.EXPIRED) {
            throw new IllegalTransitionException(status, VideoStatus.ERRORED);
        }
        status = VideoStatus.ERRORED;
        errorReason = truncate(reason == null ? "the provider reported an error" : reason, 1000);
        updatedAt = now;
        return true;
    }

    public boolean expire(Instant now) {
        if (status == VideoStatus.EXPIRED) {
            return false;
        }
        if (status != VideoStatus.PREPARING) {
            throw new IllegalTransitionException(status, VideoStatus.EXPIRED);
        }
        status = VideoStatus.EXPIRED;
        uploadStatus = TIMED_OUT;
        updatedAt = now;
        return true;
    }

    /**
     * Applies what a provider reported. Throws {@link IllegalTransitionException} when the
     * report would move the video somewhere it may not go (e.g. a late error after expiry).
     */
    public UpdateOutcome apply(ProviderUpdate update, Instant now) {
        boolean described = noteSource(update.source(), now);
        boolean changed = switch (update.state()) {
            case PROCESSING -> status == VideoStatus.PREPARING && noteProcessing(update.assetId(), now);
            case READY -> (!sameReadyDetails(update.ready()) && markReady(update.ready(), now))
                    | noteMedia(update.media(), now);
            case MEDIA -> noteMedia(update.media(), now);
            // Routed to captions.CaptionService before it gets here; a caption never changes the video's status.
            case TRACK -> false;
            case ERRORED -> markErrored(update.errorReason(), now);
            case GONE -> switch (status) {
                case PREPARING -> expire(now);
                case READY -> markErrored("the provider no longer has this video", now);
                case ERRORED, EXPIRED -> false;
            };
        };
        return changed || described ? UpdateOutcome.APPLIED : UpdateOutcome.UNCHANGED;
    }

    /**
     * Adds what a provider reports it made, in any status: reports arrive out of order (a Mux
     * static rendition may be announced before its asset is ready) and only ever add
     * ({@link MediaInventory#merge}), so a late or repeated one changes nothing.
     */
    private boolean noteMedia(MediaInventory reported, Instant now) {
        if (reported == null) {
            return false;
        }
        MediaInventory current = media();
        MediaInventory merged = current.merge(reported);
        if (merged.equals(current)) {
            return false;
        }
        renditions = merged.renditions();
        downloadState = merged.download();
        storyboard = merged.storyboard();
        updatedAt = now;
        return true;
    }

    /**
     * The service asked the provider for an MP4 and heard where it stands; unlike a provider's
     * report this may go back from {@code errored} to {@code preparing} (a new attempt).
     */
    public boolean noteDownloadRequested(DownloadState state, Instant now) {
        if (state == downloadState || (downloadState == DownloadState.READY)) {
            return false;
        }
        downloadState = state;
        updatedAt = now;
        return true;
    }

    /**
     * One of the video's captions changed (captions.CaptionChanges): the video's version moves
     * with it, so caption changes and status changes are ordered by one counter (events' seq)
     * and a concurrent one of either fails instead of being lost.
     */
    public void noteCaptionsChanged(Instant now) {
        // Always a change, so the version always moves: a clock that has not advanced since the
        // last change (same microsecond, as the column keeps it) would otherwise leave it, and
        // two events would share one seq.
        Instant last = updatedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        updatedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS).isAfter(last) ? now : last.plus(1, java.time.temporal.ChronoUnit.MICROS);
    }

    /** The first description of the uploaded file is kept; a finished video keeps its own. */
    private boolean noteSource(SourceFile source, Instant now) {
        if (source == null || status != VideoStatus.PREPARING
                || (Objects.equals(sourceFilename, source.filename()) && Objects.equals(sourceFiletype, source.filetype()))) {
            return false;
        }
        sourceFilename = source.filename();
        sourceFiletype = source.filetype();
        updatedAt = now;
        return true;
    }

    private boolean sameReadyDetails(ReadyDetails details) {
        return status == VideoStatus.READY
                && Objects.equals(playbackId, details.playbackId().value())
                && (details.assetId() == null || Objects.equals(extId, details.assetId().value()))
                && (details.durationSeconds() == null || Objects.equals(durationSeconds, details.durationSeconds()))
                && (details.aspectRatio() == null || Objects.equals(aspectRatio, details.aspectRatio()))
                && (details.extUrl() == null || Objects.equals(extUrl, details.extUrl().toString()))
                && (details.thumbnail() == null || Objects.equals(thumbnail, details.thumbnail().toString()));
    }

    /**
     * Moves a ready video to another provider that made a playable copy of it (a
     * {@link VideoMove}): from now on it is known there by {@code uploadId} and the copy's
     * details. What belonged to the old asset goes with it: ids, URLs, renditions, download and
     * storyboard state are the copy's ({@code media}), not merged with the old ones; the
     * duration and aspect ratio are kept where the copy does not tell them. Only a ready video
     * moves, and never to the provider it is at.
     */
    public void switchProvider(ProviderName provider, UploadId newUploadId, ReadyDetails details, MediaInventory media,
                               Instant now) {
        if (status != VideoStatus.READY) {
            throw new IllegalTransitionException(status, VideoStatus.READY);
        }
        if (provider.value().equals(storageType)) {
            throw new IllegalArgumentException("video " + id + " is already at " + provider);
        }
        storageType = provider.value();
        uploadId = Objects.requireNonNull(newUploadId, "upload id").value();
        uploadStatus = "complete";
        extId = details.assetId() == null ? null : details.assetId().value();
        playbackId = details.playbackId().value();
        extUrl = details.extUrl() == null ? null : details.extUrl().toString();
        thumbnail = details.thumbnail() == null ? null : details.thumbnail().toString();
        if (details.durationSeconds() != null) {
            durationSeconds = details.durationSeconds();
        }
        if (details.aspectRatio() != null) {
            aspectRatio = details.aspectRatio();
        }
        MediaInventory copy = media == null ? MediaInventory.empty() : media;
        renditions = copy.renditions();
        downloadState = copy.download();
        storyboard = copy.storyboard();
        updatedAt = now;
    }

    public VideoRef ref() {
        return new VideoRef(id(), uploadId(), assetId(), playbackId());
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    // The ids as their types; the String getters below are the columns as the API shows them.
    public VideoId id() { return VideoId.of(id); }
    public UploadId uploadId() { return UploadId.ofNullable(uploadId); }
    /** The provider's asset id ({@code ext_id}); null until the provider made one. */
    public AssetId assetId() { return AssetId.ofNullable(extId); }
    /** Null until the video is ready. */
    public PlaybackId playbackId() { return PlaybackId.ofNullable(playbackId); }

    public MediaInventory media() {
        return new MediaInventory(renditions == null ? List.of() : renditions,
                downloadState == null ? DownloadState.NONE : downloadState, storyboard);
    }

    public String getId() { return id; }
    public String getOwnerId() { return ownerId; }
    public String getTitle() { return title; }
    public ProviderName getProvider() { return ProviderName.of(storageType); }
    public VideoStatus getStatus() { return status; }
    public String getUploadId() { return uploadId; }
    public String getUploadStatus() { return uploadStatus; }
    public String getUploadUrl() { return uploadUrl; }
    public String getUploadProtocol() { return uploadProtocol; }
    public Instant getUploadExpiresAt() { return uploadExpiresAt; }
    public String getExtId() { return extId; }
    public String getExtUrl() { return extUrl; }
    public String getPlaybackId() { return playbackId; }
    public String getThumbnail() { return thumbnail; }
    public Double getDurationSeconds() { return durationSeconds; }
    public String getAspectRatio() { return aspectRatio; }
    public String getErrorReason() { return errorReason; }
    public String getSourceFilename() { return sourceFilename; }
    public String getSourceFiletype() { return sourceFiletype; }
    public Long getUploadLength() { return uploadLength; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getReadyAt() { return readyAt; }
    public long getVersion() { return version; }
}
