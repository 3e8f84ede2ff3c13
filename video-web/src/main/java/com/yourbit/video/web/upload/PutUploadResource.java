package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.upload.HostedUploadService;
import com.yourbit.video.domain.upload.PutOutcome;
import com.yourbit.video.web.body.BodyLimit;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.util.Optional;

/**
 * {@code PUT /uploads/{token}}: Mux-style uploads to a local video's upload URL, for curl and
 * UpChunk. One PUT of the whole file, or PUTs with {@code Content-Range} chunks in order; an
 * incomplete upload answers 308 with the {@code Range} received so far, a complete one 200.
 * The tus methods of the same URL are {@link TusUploadResource}'s.
 */
// The unguessable upload token in the URL authorizes each request; Content-Range and
// Content-Length bound the bodies, not a fixed size.
@PermitAll
@BodyLimit(BodyLimit.BY_PROTOCOL)
@RequestScoped // a CDI bean, so that UploadSlots intercepts its body-reading methods
@Path("uploads/{token}")
public class PutUploadResource {

    /** The status of an incomplete upload, as Google's resumable uploads and Mux answer it. */
    static final int RESUME_INCOMPLETE = 308;

    @Inject
    HostedUploadService uploads;

    @PUT
    @ReadsUploadBody
    @Operation(hidden = true)
    public Response put(@PathParam("token") String token, @HeaderParam("Content-Range") String rangeHeader,
                        @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        ContentRange range = ContentRange.parse(rangeHeader, contentLength);
        PutOutcome outcome = uploads.put(TusHeaders.uploadId(token), range, fileType(contentType), body);
        long stored = outcome.stored();
        return switch (outcome.kind()) {
            case COMPLETE -> Response.ok().build();
            case INCOMPLETE -> Response.status(RESUME_INCOMPLETE).header("Range", received(stored)).build();
            case GAP -> Problem.of(ErrorCode.MISMATCHED_OFFSET,
                            "the chunk starts at " + range.first() + " but " + stored + " bytes are stored")
                    .header("Range", received(stored)).build();
        };
    }

    /** The {@code Range} of the bytes received; none (no header) before the first. */
    private static String received(long stored) {
        return stored == 0 ? null : "bytes=0-" + (stored - 1);
    }

    /**
     * A PUT's Content-Type as the file's type, unless it describes a form: curl's
     * {@code --data-binary} sends {@code application/x-www-form-urlencoded} by default.
     */
    private static Optional<String> fileType(String contentType) {
        String type = TusHeaders.mediaType(contentType);
        if (type == null || type.isEmpty() || type.equals("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            return Optional.empty();
        }
        return Optional.of(type);
    }
}
