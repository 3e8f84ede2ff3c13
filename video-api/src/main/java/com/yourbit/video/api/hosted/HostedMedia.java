package com.yourbit.video.api.hosted;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The media files this service serves itself under {@code /media}, and the tokens that grant
 * access to them: the local provider's videos (original, HLS ladder, MP4, storyboard,
 * thumbnails, animated previews), and the storyboards it composes for providers that have none.
 */
public interface HostedMedia {

    /** The name of the HLS (master) playlist among a rendition's files. */
    String PLAYLIST = "stream.m3u8";
    /**
     * The directory of one rendition of the ladder, named by its short side ({@code 720p}),
     * holding its {@link #MEDIA_PLAYLIST} and {@link #SEGMENT}s (a regular expression).
     */
    String RUNG = "[1-9][0-9]{0,3}p";
    /** A rendition's media playlist, in its {@link #RUNG} directory. */
    String MEDIA_PLAYLIST = "index.m3u8";
    /** An MPEG-TS segment's name (a regular expression). */
    String SEGMENT = "seg[0-9]{5}\\.ts";
    /** The storyboard's WebVTT file, beside the playlist. */
    String STORYBOARD = "storyboard.vtt";

    /** Checks a token from a signed media URL; throws {@link InvalidMediaTokenException}. */
    MediaGrant verify(String token);

    /** The uploaded file of a complete upload (progressive download). */
    Optional<MediaFile> original(UploadId uploadId);

    /**
     * A file of the upload's HLS renditions: the master {@link #PLAYLIST}, or a media
     * playlist or segment it names (by its relative path); empty for any other name or while
     * that file is not made.
     */
    Optional<MediaFile> rendition(UploadId uploadId, String name);

    /** The MP4 (faststart) the pipeline made of the upload; empty until it is made. */
    Optional<MediaFile> download(UploadId uploadId);

    /**
     * A file of the upload's storyboard: {@link #STORYBOARD} or an image its cues name;
     * empty for any other name or until it is made.
     */
    Optional<MediaFile> storyboard(UploadId uploadId, String name);

    /**
     * A still image at the spec's time (the middle of the video by default) and size,
     * rendered once and then cached. Rendering runs on a bounded executor, never on the
     * caller's thread; the stage completes with a {@link MediaBusyException} at once when
     * that is saturated, with an {@link UploadStoreException} when no frame can be rendered.
     *
     * @param durationSeconds the video's duration when known, for the default time
     */
    CompletionStage<MediaFile> thumbnail(UploadId uploadId, ThumbnailSpec spec, Double durationSeconds);

    /** An animated preview, rendered on first request and cached, like {@link #thumbnail}. */
    CompletionStage<MediaFile> animated(UploadId uploadId, AnimatedSpec spec);

    /**
     * This service's signed URL of a video's storyboard ({@code /media/{id}/storyboard.vtt}):
     * the local provider's own, or one composed on request for a provider that has none.
     */
    SignedUrl storyboardUrl(VideoId videoId, Duration ttl);

    /**
     * This service's signed URL of one version of a caption file
     * ({@code /media/{id}/captions/{lang}.vtt}, a {@code c} token naming {@code ref}), for a
     * provider that fetches tracks itself; it expires after {@code ttl}.
     */
    SignedUrl captionFetchUrl(VideoId videoId, String lang, String ref, Duration ttl);

    /**
     * A local video's caption file for players, signed like playback ({@code v}):
     * {@code /media/{id}/captions/{lang}.vtt}.
     */
    SignedUrl captionUrl(VideoId videoId, String lang, Duration ttl);

    /**
     * The presentation time (90 kHz) at which the upload's HLS segments start: what a WebVTT
     * segment's {@code X-TIMESTAMP-MAP} maps its zero to (RFC 8216 section 3.5); empty while
     * there are no segments.
     */
    java.util.OptionalLong hlsStartPts(UploadId uploadId);
}
