package com.yourbit.video.web.upload;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.TusMetadata;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.limits.LimitExceededException;
import com.yourbit.video.domain.limits.UserLimitGate;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.web.body.BodyLimit;
import com.yourbit.video.web.problem.Problem;
import com.yourbit.video.web.problem.VideoExceptionMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code /uploads/{token}}: the upload URL of a local video. The token is the video's
 * upload id; the upload's {@code Location} is this same URL, so {@code tus-js-client}
 * with {@code endpoint} = the URL, curl, and Mux-style PUT clients all work.
 */
// The unguessable upload token in the URL authorizes each request; tus and Content-Range
// bound the bodies (Tus-Max-Size, Upload-Length), not a fixed size.
@PermitAll
@BodyLimit(BodyLimit.BY_PROTOCOL)
@RequestScoped // a CDI bean, so that UploadSlots intercepts its body-reading methods
@Path("uploads/{token}")
public class UploadsResource {

    private static final Logger LOG = Logger.getLogger(UploadsResource.class.getName());
    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Inject
    UploadStore store;

    @Inject
    VideoService videos;

    @Inject
    UserLimitGate limits;

    @Context
    UriInfo uri;

    @OPTIONS
    @Operation(hidden = true)
    public Response options() {
        return Response.noContent()
                .header(Tus.RESUMABLE, Tus.VERSION)
                .header(Tus.TUS_VERSION, Tus.VERSION)
                .header(Tus.EXTENSION, Tus.EXTENSIONS)
                .header(Tus.MAX_SIZE, store.maxSize())
                .header(Tus.CHECKSUM_ALGORITHM, Tus.CHECKSUM_ALGORITHMS)
                .build();
    }

    /** tus creation (and creation-with-upload when a body comes along; creation-defer-length). */
    @POST
    @ReadsUploadBody
    @Operation(hidden = true)
    public Response create(@PathParam("token") String token, @HeaderParam(Tus.UPLOAD_LENGTH) String length,
                           @HeaderParam(Tus.UPLOAD_DEFER_LENGTH) String defer,
                           @HeaderParam(Tus.UPLOAD_METADATA) String metadataHeader,
                           @HeaderParam(Tus.UPLOAD_CHECKSUM) String checksum,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        Tus.requireVersion(headers);
        Video video = acceptingVideo(token);
        long declared;
        if (defer != null) {
            if (length != null || !"1".equals(defer.trim())) {
                throw Tus.refuse(ErrorCode.INVALID_DEFER_LENGTH, "send either Upload-Length or Upload-Defer-Length: 1");
            }
            declared = UploadInfo.DEFERRED;
        } else {
            declared = Tus.parseLength(length, Tus.UPLOAD_LENGTH);
            if (declared > store.maxSize()) {
                throw Tus.refuse(ErrorCode.UPLOAD_TOO_LARGE, "Upload-Length exceeds Tus-Max-Size " + store.maxSize());
            }
        }
        Map<String, String> metadata;
        try {
            metadata = TusMetadata.parse(metadataHeader);
        } catch (IllegalArgumentException e) {
            throw Tus.refuse(ErrorCode.INVALID_METADATA, e.getMessage());
        }
        Optional<ChunkChecksum> digest = parseChecksum(checksum);
        UploadInfo info = createUpload(video, token, declared, metadata);
        if (Tus.OFFSET_OCTET_STREAM.equals(mediaType(contentType)) && hasBody(contentLength)) {
            info = call(() -> store.append(token, new Chunk(0, Optional.empty(), digest), body));
        }
        info = finishIfComplete(token, info);
        return tusResponse(Response.status(201), info)
                .location(uri.getRequestUri())
                .build();
    }

    @HEAD
    @Operation(hidden = true)
    public Response head(@PathParam("token") String token) {
        Tus.requireVersion(headers);
        knownVideo(token);
        UploadInfo info = finishIfComplete(token, call(() -> store.findWhenIdle(token)
                .orElseThrow(() -> new UploadStoreException(UploadStoreException.Reason.NOT_FOUND, "no such upload"))));
        if (info.isExpired(Instant.now())) {
            throw Tus.refuse(ErrorCode.UPLOAD_EXPIRED, "the upload expired at " + HTTP_DATE.format(info.expiresAt()));
        }
        Response.ResponseBuilder response = tusResponse(Response.ok(), info)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (info.isLengthDeferred()) {
            response.header(Tus.UPLOAD_DEFER_LENGTH, 1);
        } else {
            response.header(Tus.UPLOAD_LENGTH, info.length());
        }
        if (!info.metadata().isEmpty()) {
            response.header(Tus.UPLOAD_METADATA, TusMetadata.format(info.metadata()));
        }
        return response.build();
    }

    @PATCH
    @ReadsUploadBody
    @Operation(hidden = true)
    public Response patch(@PathParam("token") String token, @HeaderParam(Tus.UPLOAD_OFFSET) String offset,
                          @HeaderParam(Tus.UPLOAD_LENGTH) String length,
                          @HeaderParam(Tus.UPLOAD_CHECKSUM) String checksum,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Tus.requireVersion(headers);
        if (!Tus.OFFSET_OCTET_STREAM.equals(mediaType(contentType))) {
            throw Tus.refuse(ErrorCode.INVALID_CONTENT_TYPE, "PATCH needs Content-Type: " + Tus.OFFSET_OCTET_STREAM);
        }
        long at = Tus.parseLength(offset, Tus.UPLOAD_OFFSET);
        Optional<Long> declared = length == null ? Optional.empty() : Optional.of(Tus.parseLength(length, Tus.UPLOAD_LENGTH));
        if (declared.isPresent() && declared.get() > store.maxSize()) {
            throw Tus.refuse(ErrorCode.UPLOAD_TOO_LARGE, "Upload-Length exceeds Tus-Max-Size " + store.maxSize());
        }
        Chunk chunk = new Chunk(at, declared, parseChecksum(checksum));
        requireWellFormed(token);
        // The stored upload is what allows bytes: it exists from a creation that checked the
        // video until the video is deleted or expires (both terminate it). So the video is
        // looked up only when the store refuses, for the precise answer: once per chunk it cost
        // about a tenth of the upload throughput. Bytes for a video that left `preparing`
        // some other way never complete it (finishIfComplete checks) and expire with the upload.
        UploadInfo appended;
        try {
            appended = store.append(token, chunk, body);
        } catch (UploadStoreException e) {
            acceptingVideo(token);
            throw new TusRefusal(StoreErrors.toResponse(e));
        }
        UploadInfo info = finishIfComplete(token, appended);
        return tusResponse(Response.noContent(), info).build();
    }

    /** tus termination: the bytes are freed; the video waits for a new upload. */
    @DELETE
    @Operation(hidden = true)
    public Response terminate(@PathParam("token") String token) {
        Tus.requireVersion(headers);
        Video video = acceptingVideo(token);
        if (store.find(token).isEmpty()) {
            throw Tus.refuse(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
        call(() -> {
            store.terminate(token);
            return null;
        });
        // Its bytes are freed, so is its share of the user's upload bytes.
        limits.recordDeclared(video.getId(), null);
        return Response.noContent().header(Tus.RESUMABLE, Tus.VERSION).build();
    }

    /**
     * Mux-style upload: one PUT of the whole file, or PUTs with {@code Content-Range} chunks
     * in order. An incomplete upload answers 308 with the {@code Range} received so far. A
     * chunk may come again (Chromium resends a PUT whose kept-alive connection closed before
     * the answer, UpChunk one answered 408, 502, 503 or 504), so bytes already stored are
     * skipped, and a chunk resent after the last byte gets the 200 the last chunk got.
     */
    @PUT
    @ReadsUploadBody
    @Operation(hidden = true)
    public Response put(@PathParam("token") String token, @HeaderParam("Content-Range") String rangeHeader,
                        @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Video video = knownVideo(token);
        ContentRange range = ContentRange.parse(rangeHeader, contentLength);
        Optional<UploadInfo> existing = store.find(token);
        if (video.getStatus() != VideoStatus.PREPARING || existing.filter(UploadInfo::isComplete).isPresent()) {
            return putAfterLastByte(token, range, video, existing, body);
        }
        if (range.total() > store.maxSize()) {
            throw Tus.refuse(ErrorCode.UPLOAD_TOO_LARGE, "the file exceeds the maximum size " + store.maxSize());
        }
        if (range.wholeFile() && existing.isPresent() && existing.get().offset() > 0) {
            call(() -> {
                store.terminate(token);
                return null;
            });
            existing = Optional.empty();
        }
        Map<String, String> metadata = fileType(contentType).map(type -> Map.of("filetype", type)).orElse(Map.of());
        UploadInfo info = existing.isPresent() ? existing.get() : createUpload(video, token, range.total(), metadata);
        if (info.length() != range.total()) {
            throw lengthMismatch(info);
        }
        if (range.isStatusQuery()) {
            return putProgress(token, info);
        }
        long stored = info.offset();
        if (range.first() > stored) {
            return Problem.of(ErrorCode.MISMATCHED_OFFSET,
                            "the chunk starts at " + range.first() + " but " + stored + " bytes are stored")
                    .header("Range", stored == 0 ? null : "bytes=0-" + (stored - 1)).build();
        }
        if (!skip(body, Math.min(stored, range.end()) - range.first()) || range.end() <= stored) {
            return putProgress(token, info);
        }
        // Without Content-Length (chunked) only the store can see that the body runs past the range.
        UploadInfo after = call(() -> store.append(token, Chunk.at(stored).ofSize(range.end() - stored), body));
        return putProgress(token, after);
    }

    /**
     * Creates the upload once its declared size fits the user's upload bytes
     * (video.limits.upload-bytes-per-user; 429 and nothing created otherwise). An upload that
     * exists already was counted when it was created; the store then keeps it (same size) or
     * refuses, and the size counted is set to what the store holds either way.
     */
    private UploadInfo createUpload(Video video, String token, long length, Map<String, String> metadata) {
        if (store.find(token).isEmpty()) {
            try {
                limits.declareUpload(video.getId(), counted(length));
            } catch (LimitExceededException e) {
                throw new TusRefusal(Problem.of(e.code(), e.getMessage())
                        .header(HttpHeaders.RETRY_AFTER, VideoExceptionMapper.retryAfterSeconds(e.retryAfter())).build());
            }
        }
        try {
            return store.create(token, length, metadata, video.getUploadExpiresAt());
        } catch (UploadStoreException e) {
            limits.recordDeclared(video.getId(), store.find(token).map(kept -> counted(kept.length())).orElse(null));
            throw new TusRefusal(StoreErrors.toResponse(e));
        }
    }

    /** A deferred length counts as the largest the upload may become until the upload is complete. */
    private long counted(long declaredLength) {
        return declaredLength == UploadInfo.DEFERRED ? store.maxSize() : declaredLength;
    }

    /**
     * A PUT once the upload has all its bytes: a client that did not get the answer to its
     * last chunk (or its whole-file PUT) sends it again, or asks how far it got. For the same
     * file that is the 200 it missed, never a restart: the file may be being processed.
     */
    private Response putAfterLastByte(String token, ContentRange range, Video video, Optional<UploadInfo> upload,
                                      InputStream body) {
        UploadInfo received = upload.filter(UploadInfo::isComplete).orElseThrow(() -> closed(video));
        if (received.length() != range.total()) {
            throw video.getStatus() == VideoStatus.PREPARING ? lengthMismatch(received) : closed(video);
        }
        skip(body, range.isStatusQuery() ? 0 : range.end() - range.first());
        finishIfComplete(token, received);
        return Response.ok().build();
    }

    private static TusRefusal lengthMismatch(UploadInfo upload) {
        return Tus.refuse(ErrorCode.LENGTH_MISMATCH, "the total size differs from the upload's size " + upload.length());
    }

    /**
     * Reads and drops bytes the upload already has. False when the body ends first: the
     * client is gone (Undertow reports a read timeout as an unchecked exception).
     */
    private static boolean skip(InputStream body, long count) {
        try {
            body.skipNBytes(count);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Response putProgress(String token, UploadInfo info) {
        UploadInfo current = finishIfComplete(token, info);
        if (current.isComplete()) {
            return Response.ok().build();
        }
        Response.ResponseBuilder incomplete = Response.status(308);
        if (current.offset() > 0) {
            incomplete.header("Range", "bytes=0-" + (current.offset() - 1));
        }
        return incomplete.build();
    }

    /**
     * When the last byte is in, the provider starts its media pipeline and says the video is
     * processing; the pipeline reports ready or errored later, through the same domain
     * method as a provider webhook. Also re-run on HEAD, so an upload completed just before
     * a crash still gets processed.
     */
    private UploadInfo finishIfComplete(String token, UploadInfo info) {
        if (info.isComplete()) {
            Optional<Video> video = videos.findByUpload(LOCAL, token);
            if (video.isPresent() && video.get().getStatus() == VideoStatus.PREPARING) {
                ProviderUpdate update = store.complete(token);
                LOG.fine(() -> "upload complete for video " + video.get().getId() + ": " + update.state());
                videos.applyUpdate(update);
            }
        }
        return info;
    }

    private Response.ResponseBuilder tusResponse(Response.ResponseBuilder builder, UploadInfo info) {
        builder.header(Tus.RESUMABLE, Tus.VERSION).header(Tus.UPLOAD_OFFSET, info.offset());
        if (!info.isComplete()) {
            builder.header(Tus.UPLOAD_EXPIRES, HTTP_DATE.format(info.expiresAt()));
        }
        return builder;
    }

    /** Refuses a malformed token before any lookup or file touches it. */
    private static void requireWellFormed(String token) {
        if (!UploadStore.isWellFormedId(token)) {
            throw Tus.refuse(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
    }

    private Video knownVideo(String token) {
        requireWellFormed(token);
        return videos.findByUpload(LOCAL, token)
                .orElseThrow(() -> Tus.refuse(ErrorCode.UPLOAD_NOT_FOUND, "no such upload"));
    }

    private Video acceptingVideo(String token) {
        Video video = knownVideo(token);
        if (video.getStatus() != VideoStatus.PREPARING) {
            throw closed(video);
        }
        return video;
    }

    private static TusRefusal closed(Video video) {
        return Tus.refuse(ErrorCode.UPLOAD_CLOSED, "this upload no longer accepts bytes: the video is "
                + video.getStatus().wireName());
    }

    @Context
    HttpHeaders headers;

    /** {@code Upload-Checksum: <algorithm> <base64 digest>}; an unknown algorithm is a 400, as tus says. */
    private static Optional<ChunkChecksum> parseChecksum(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split(" ");
        if (parts.length != 2) {
            throw Tus.refuse(ErrorCode.INVALID_CHECKSUM, "Upload-Checksum must be '<algorithm> <base64 digest>'");
        }
        if (!ChunkChecksum.SUPPORTED.contains(parts[0].toLowerCase(java.util.Locale.ROOT))) {
            throw Tus.refuse(ErrorCode.UNSUPPORTED_CHECKSUM_ALGORITHM,
                    "supported checksum algorithms: " + Tus.CHECKSUM_ALGORITHMS);
        }
        try {
            return Optional.of(new ChunkChecksum(parts[0], Base64.getDecoder().decode(parts[1])));
        } catch (IllegalArgumentException e) {
            throw Tus.refuse(ErrorCode.INVALID_CHECKSUM, "the Upload-Checksum digest is not base64");
        }
    }

    private static boolean hasBody(String contentLength) {
        return contentLength == null || !contentLength.trim().equals("0");
    }

    /**
     * A PUT's Content-Type as the file's type, unless it describes a form: curl's
     * {@code --data-binary} sends {@code application/x-www-form-urlencoded} by default.
     */
    private static Optional<String> fileType(String contentType) {
        String type = mediaType(contentType);
        if (type == null || type.isEmpty() || type.equals("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            return Optional.empty();
        }
        return Optional.of(type);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (UploadStoreException e) {
            throw new TusRefusal(StoreErrors.toResponse(e));
        }
    }
}
