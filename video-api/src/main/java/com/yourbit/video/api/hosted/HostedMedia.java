package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ThumbnailSpec;

import java.util.Optional;

/** The media files of ready hosted videos, and the tokens that grant access to them. */
public interface HostedMedia {

    /** Checks a token from a signed media URL; throws {@link InvalidMediaTokenException}. */
    MediaGrant verify(String token);

    /** The uploaded file of a complete upload. */
    Optional<MediaFile> original(String uploadId);

    /** A still image at the spec's time and size, rendered once and then cached. */
    MediaFile thumbnail(String uploadId, ThumbnailSpec spec);
}
