package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ThumbnailSpec;

import java.util.Optional;

/** The media files of ready hosted videos, and the tokens that grant access to them. */
public interface HostedMedia {

    /** The name of the HLS playlist among a rendition's files. */
    String PLAYLIST = "stream.m3u8";

    /** Checks a token from a signed media URL; throws {@link InvalidMediaTokenException}. */
    MediaGrant verify(String token);

    /** The uploaded file of a complete upload (progressive download). */
    Optional<MediaFile> original(String uploadId);

    /**
     * A file of the upload's HLS rendition: the {@link #PLAYLIST} or one of the segments it
     * names; empty for any other name or while the rendition is not made.
     */
    Optional<MediaFile> rendition(String uploadId, String name);

    /** A still image at the spec's time and size, rendered once and then cached. */
    MediaFile thumbnail(String uploadId, ThumbnailSpec spec);
}
