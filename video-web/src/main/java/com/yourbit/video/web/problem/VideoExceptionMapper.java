package com.yourbit.video.web.problem;

import com.yourbit.video.domain.ErrorCode;
import com.yourbit.video.domain.ProviderFailedException;
import com.yourbit.video.domain.VideoException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain refusals: their code decides the status; 401 also carries the bearer challenge. */
@Provider
public class VideoExceptionMapper implements ExceptionMapper<VideoException> {

    @Override
    public Response toResponse(VideoException e) {
        ErrorCode code = e.code();
        Response.ResponseBuilder response = Problem.of(code, e.getMessage());
        if (e instanceof ProviderFailedException failed && failed.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, failed.retryAfter().toSeconds()));
        }
        if (code == ErrorCode.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}
