package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.TusMetadata;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.domain.upload.HostedUploadService;
import com.yourbit.video.web.body.BodyLimit;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code /uploads/{token}} for tus 1.0.0: the upload URL of a local video. The token is the
 * video's upload id; the upload's {@code Location} is this same URL, so {@code tus-js-client}
 * with {@code endpoint} = the URL works. Mux-style PUTs to the same URL are
 * {@link PutUploadResource}'s.
 */
// The unguessable upload token in the URL authorizes each request; tus and Content-Range
// bound the bodies (Tus-Max-Size, Upload-Length), not a fixed size.
@PermitAll
@BodyLimit(BodyLimit.BY_PROTOCOL)
@RequestScoped // a CDI bean, so that UploadSlots intercepts its body-reading methods
@Path("uploads/{token}")
public class TusUploadResource {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Inject
    HostedUploadService uploads;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @OPTIONS
    @Operation(hidden = true)
    public Response options() {
        return Response.noContent()
                .header(TusHeaders.RESUMABLE, TusHeaders.VERSION)
                .header(TusHeaders.TUS_VERSION, TusHeaders.VERSION)
                .header(TusHeaders.EXTENSION, TusHeaders.EXTENSIONS)
                .header(TusHeaders.MAX_SIZE, uploads.maxSize())
                .header(TusHeaders.CHECKSUM_ALGORITHM, TusHeaders.CHECKSUM_ALGORITHMS)
                .build();
    }

    /** tus creation (and creation-with-upload when a body comes along; creation-defer-length). */
    @POST
    @ReadsUploadBody
    @Operation(hidden = true)
    public Response create(@PathParam("token") String token, @HeaderParam(TusHeaders.UPLOAD_LENGTH) String length,
                           @HeaderParam(TusHeaders.UPLOAD_DEFER_LENGTH) String defer,
                           @HeaderParam(TusHeaders.UPLOAD_METADATA) String metadata,
                           @HeaderParam(TusHeaders.UPLOAD_CHECKSUM) String checksum,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        TusHeaders.requireVersion(headers);
        boolean withBytes = TusHeaders.OFFSET_OCTET_STREAM.equals(TusHeaders.mediaType(contentType))
                && TusHeaders.hasBody(contentLength);
        UploadInfo info = uploads.create(TusHeaders.uploadId(token), TusHeaders.creationLength(length, defer),
                TusHeaders.metadata(metadata), TusHeaders.checksum(checksum),
                withBytes ? Optional.of(body) : Optional.empty());
        return tusResponse(Response.status(201), info)
                .location(uri.getRequestUri())
                .build();
    }

    @HEAD
    @Operation(hidden = true)
    public Response head(@PathParam("token") String token) {
        TusHeaders.requireVersion(headers);
        UploadInfo info = uploads.resume(TusHeaders.uploadId(token));
        Response.ResponseBuilder response = tusResponse(Response.ok(), info)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (info.isLengthDeferred()) {
            response.header(TusHeaders.UPLOAD_DEFER_LENGTH, 1);
        } else {
            response.header(TusHeaders.UPLOAD_LENGTH, info.length());
        }
        if (!info.metadata().isEmpty()) {
            response.header(TusHeaders.UPLOAD_METADATA, TusMetadata.format(info.metadata()));
        }
        return response.build();
    }

    @PATCH
    @ReadsUploadBody
    @Operation(hidden = true)
    public Response patch(@PathParam("token") String token, @HeaderParam(TusHeaders.UPLOAD_OFFSET) String offset,
                          @HeaderParam(TusHeaders.UPLOAD_LENGTH) String length,
                          @HeaderParam(TusHeaders.UPLOAD_CHECKSUM) String checksum,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        TusHeaders.requireVersion(headers);
        if (!TusHeaders.OFFSET_OCTET_STREAM.equals(TusHeaders.mediaType(contentType))) {
            throw TusHeaders.refuse(ErrorCode.INVALID_CONTENT_TYPE,
                    "PATCH needs Content-Type: " + TusHeaders.OFFSET_OCTET_STREAM);
        }
        Chunk chunk = new Chunk(TusHeaders.parseLength(offset, TusHeaders.UPLOAD_OFFSET),
                TusHeaders.declaredLength(length), TusHeaders.checksum(checksum));
        UploadInfo info = uploads.append(TusHeaders.uploadId(token), chunk, body);
        return tusResponse(Response.noContent(), info).build();
    }

    /** tus termination: the bytes are freed; the video waits for a new upload. */
    @DELETE
    @Operation(hidden = true)
    public Response terminate(@PathParam("token") String token) {
        TusHeaders.requireVersion(headers);
        uploads.terminate(TusHeaders.uploadId(token));
        return Response.noContent().header(TusHeaders.RESUMABLE, TusHeaders.VERSION).build();
    }

    private static Response.ResponseBuilder tusResponse(Response.ResponseBuilder builder, UploadInfo info) {
        builder.header(TusHeaders.RESUMABLE, TusHeaders.VERSION).header(TusHeaders.UPLOAD_OFFSET, info.offset());
        if (!info.isComplete()) {
            builder.header(TusHeaders.UPLOAD_EXPIRES, HTTP_DATE.format(info.expiresAt()));
        }
        return builder;
    }
}
