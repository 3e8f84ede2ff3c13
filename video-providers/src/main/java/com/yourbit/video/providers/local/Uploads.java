package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.UploadInfo;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local provider keeps uploads: files ({@link FileUploadStore}, the default) or
 * objects ({@link S3UploadStore}). Both keep nothing in memory between requests, take one
 * request per upload at a time ({@link UploadLocks}), and acknowledge an offset only once its
 * bytes are durable; a chunk with a checksum counts only once verified.
 */
interface Uploads {

    long maxSize();

    /** Who holds which upload, and the bodies being read (to stop slow writers). */
    UploadLocks locks();

    UploadInfo create(String id, long length, Map<String, String> metadata, Instant expiresAt);

    Optional<UploadInfo> find(String id);

    /** The upload once no other request is using it (a request still writing is asked to stop first). */
    Optional<UploadInfo> findWhenIdle(String id);

    UploadInfo append(String id, Chunk chunk, InputStream body);

    void terminate(String id);

    /**
     * A file on this node with the bytes of a complete upload, for ffmpeg and for serving the
     * original: the upload's own file, or a copy of its object.
     *
     * @throws java.io.UncheckedIOException when the bytes cannot be had (not complete, the store unreachable)
     */
    Path data(String id);

    /** A complete upload's bytes to serve (the original), its type sniffed from its first bytes. */
    Optional<MediaFile> original(String id);

    /** Removes every unfinished upload whose expiry has passed, except ones being written now; returns their ids. */
    List<String> removeExpired();
}
