package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The media files of ready hosted videos, and the tokens that grant access to them. */
public interface HostedMedia {

    /** The name of the HLS playlist among a rendition's files. */
    String PLAYLIST = "stream.m3u8";

    /** Checks a token from a signed media URL; throws {@link InvalidMediaTokenException}. */
    MediaGrant verify(String token);

    /** The uploaded file of a complete upload (progressive download). */
    Optional<MediaFile> original(UploadId uploadId);

    /**
     * A file of the upload's HLS rendition: the {@link #PLAYLIST} or one of the segments it
     * names; empty for any other name or while the rendition is not made.
     */
    Optional<MediaFile> rendition(UploadId uploadId, String name);

    /**
     * A still image at the spec's time (the middle of the video by default) and size,
     * rendered once and then cached. Rendering runs on a bounded executor, never on the
     * caller's thread; the stage completes with a {@link MediaBusyException} at once when
     * that is saturated, with an {@link UploadStoreException} when no frame can be rendered.
     *
     * @param durationSeconds the video's duration when known, for the default time
     */
    CompletionStage<MediaFile> thumbnail(UploadId uploadId, ThumbnailSpec spec, Double durationSeconds);
}
