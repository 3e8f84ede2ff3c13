package com.yourbit.video.api;


import java.time.Instant;
import java.util.Objects;

/**
 * What a provider says happened to one video: from a verified webhook, a status lookup or
 * the local upload server. The domain applies it through its single status-change method.
 *
 * <p>The video is matched by {@code uploadId}, {@code assetId} or {@code videoId} (passthrough),
 * whichever is known. {@code eventKey} identifies the event for de-duplication.
 * {@code source} is what the uploader said about its file, where the provider learnt it.
 * {@code media} is what the provider made of the video so far (renditions, MP4, storyboard),
 * where it said so; {@code null} when the update says nothing about it. {@code track} is a
 * caption track's news ({@link ProviderState#TRACK}); the video's own status does not change.
 *
 * <p>Built with {@link #from(ProviderName)}: name the video by what is known of it, then say
 * what happened, e.g. {@code ProviderUpdate.from(MUX).upload(id).event(key).processing(at)}.
 */
public record ProviderUpdate(
        ProviderName provider,
        EventKey eventKey,
        VideoId videoId,
        UploadId uploadId,
        AssetId assetId,
        ProviderState state,
        ReadyDetails ready,
        String errorReason,
        Instant occurredAt,
        SourceFile source,
        MediaInventory media,
        TrackReport track) {

    public ProviderUpdate {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        if (state == ProviderState.READY) {
            Objects.requireNonNull(ready, "ready details");
        }
        if (state == ProviderState.MEDIA) {
            Objects.requireNonNull(media, "media inventory");
        }
        if (state == ProviderState.TRACK) {
            Objects.requireNonNull(track, "track report");
        }
        // A track report is matched by its track (Mux leaves asset_id out of some track events).
        if (videoId == null && uploadId == null && assetId == null && track == null) {
            throw new IllegalArgumentException("an update must name the video, upload or asset");
        }
    }

    /** Starts an update from this provider. */
    public static Builder from(ProviderName provider) {
        return new Builder(Objects.requireNonNull(provider, "provider"));
    }

    /**
     * The video an update is about and the event it comes from; each id may be left out
     * (or given as {@code null}) when the provider did not say it. Ends with what happened.
     */
    public static final class Builder {

        private final ProviderName provider;
        private EventKey eventKey;
        private VideoId videoId;
        private UploadId uploadId;
        private AssetId assetId;
        private SourceFile source;
        private MediaInventory media;
        private TrackReport track;

        private Builder(ProviderName provider) {
            this.provider = provider;
        }

        public Builder event(EventKey key) {
            this.eventKey = key;
            return this;
        }

        /** Our id, as the provider's passthrough carries it. */
        public Builder video(VideoId id) {
            this.videoId = id;
            return this;
        }

        public Builder upload(UploadId id) {
            this.uploadId = id;
            return this;
        }

        public Builder asset(AssetId id) {
            this.assetId = id;
            return this;
        }

        public Builder source(SourceFile file) {
            this.source = file;
            return this;
        }

        /** What the provider made of the video so far, told with the update. */
        public Builder media(MediaInventory inventory) {
            this.media = inventory;
            return this;
        }

        /** Only the video's renditions, download or storyboard changed, not its status. */
        public ProviderUpdate mediaChanged(MediaInventory inventory, Instant at) {
            this.media = Objects.requireNonNull(inventory, "media inventory");
            return build(ProviderState.MEDIA, null, null, at);
        }

        /** Only one of the video's caption tracks changed, not the video. */
        public ProviderUpdate trackChanged(TrackReport report, Instant at) {
            this.track = Objects.requireNonNull(report, "track report");
            return build(ProviderState.TRACK, null, null, at);
        }

        /** Bytes arrived or the provider made an asset; still processing. */
        public ProviderUpdate processing(Instant at) {
            return build(ProviderState.PROCESSING, null, null, at);
        }

        /** Playable; the asset id of the details names the asset when none was given. */
        public ProviderUpdate ready(ReadyDetails details, Instant at) {
            Objects.requireNonNull(details, "ready details");
            if (assetId == null) {
                assetId = details.assetId();
            }
            return build(ProviderState.READY, details, null, at);
        }

        public ProviderUpdate errored(String reason, Instant at) {
            return build(ProviderState.ERRORED, null, reason, at);
        }

        /** The provider cancelled the upload, timed it out or deleted the asset. */
        public ProviderUpdate gone(Instant at) {
            return build(ProviderState.GONE, null, null, at);
        }

        /** As {@link #gone(Instant)}, saying why. */
        public ProviderUpdate gone(String reason, Instant at) {
            return build(ProviderState.GONE, null, reason, at);
        }

        private ProviderUpdate build(ProviderState state, ReadyDetails ready, String reason, Instant at) {
            return new ProviderUpdate(provider, eventKey, videoId, uploadId, assetId, state, ready, reason, at, source, media, track);
        }
    }
}
