package com.yourbit.video.domain.upload;

/**
 * The bytes a Mux-style PUT carries: {@code first} to {@code end} (exclusive) of a file of
 * {@code total} bytes, the whole file, or none at all when the client asks how far the upload
 * got ({@code Content-Range: bytes *}{@code /total}).
 */
public interface PutRange {

    long first();

    /** The end of the range, exclusive. */
    long end();

    long total();

    /** Sent without a Content-Range: the whole file, which starts the upload over. */
    boolean wholeFile();

    boolean isStatusQuery();
}
