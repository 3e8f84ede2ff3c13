package com.yourbit.video.web.upload;

import com.yourbit.video.api.SourceFile;
import com.yourbit.video.api.TusCreationRelay.RelayedUpload;
import com.yourbit.video.api.TusCreationRelay;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.videos.RelayedUploadService;
import com.yourbit.video.web.body.BodyLimit;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /uploads/{provider}/{token}}: the upload URL of a video whose provider creates tus
 * uploads on demand ({@link TusCreationRelay}). It takes only the tus creation request: the
 * provider creates the upload with the client's {@code Upload-Length}, and the answer's
 * {@code Location} sends the client (e.g. tus-js-client with this URL as {@code endpoint}) to
 * the provider for every {@code PATCH} and {@code HEAD}. Creation happens once per video;
 * a repeated one is 409.
 */
// The unguessable upload token in the URL authorizes each request; tus and Content-Range
// bound the bodies (Tus-Max-Size, Upload-Length), not a fixed size.
@PermitAll
@BodyLimit(BodyLimit.BY_PROTOCOL)
@Path("uploads/{provider}/{token}")
public class RelayedUploadsResource {

    @Inject
    RelayedUploadService uploads;

    @Context
    HttpHeaders headers;

    @OPTIONS
    @Operation(hidden = true)
    public Response options(@PathParam("provider") String provider) {
        Response.ResponseBuilder response = Response.noContent()
                .header(TusHeaders.RESUMABLE, TusHeaders.VERSION)
                .header(TusHeaders.TUS_VERSION, TusHeaders.VERSION)
                .header(TusHeaders.EXTENSION, "creation");
        uploads.relay(provider).ifPresent(relay -> response.header(TusHeaders.MAX_SIZE, relay.maxUploadLength()));
        return response.build();
    }

    /** tus creation, relayed: 201 with the provider's upload URL as {@code Location}. */
    @POST
    @Operation(hidden = true)
    public Response create(@PathParam("provider") String provider, @PathParam("token") String token,
                           @HeaderParam(TusHeaders.UPLOAD_LENGTH) String length,
                           @HeaderParam(TusHeaders.UPLOAD_DEFER_LENGTH) String defer,
                           @HeaderParam(TusHeaders.UPLOAD_METADATA) String metadataHeader) {
        TusHeaders.requireVersion(headers);
        if (defer != null) {
            throw TusHeaders.refuse(ErrorCode.DEFER_LENGTH_UNSUPPORTED, "the provider needs Upload-Length when the upload is created");
        }
        long declared = TusHeaders.parseLength(length, TusHeaders.UPLOAD_LENGTH);
        Map<String, String> metadata = TusHeaders.metadata(metadataHeader);
        // Only the file name is read from the client's metadata, for the provider's video name.
        Optional<String> fileName = Optional.ofNullable(SourceFile.fromTusMetadata(metadata)).map(SourceFile::filename);
        RelayedUpload created = uploads.create(provider, uploadId(token), declared, fileName);
        return Response.status(201)
                .location(created.location())
                .header(TusHeaders.RESUMABLE, TusHeaders.VERSION)
                .build();
    }

    /** The upload id in the URL; a blank one names no upload, as an unknown one does. */
    private static UploadId uploadId(String token) {
        if (token.isBlank()) {
            throw new VideoException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
        return UploadId.of(token);
    }
}
