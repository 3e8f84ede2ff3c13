package com.yourbit.video.web.problem;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain refusals: their code decides the status; 401 also carries the bearer challenge, a refusal that passes its Retry-After. */
@Provider
public class VideoExceptionMapper implements ExceptionMapper<VideoException> {

    @Override
    public Response toResponse(VideoException e) {
        ErrorCode code = e.code();
        Response.ResponseBuilder response = Problem.of(code, e.getMessage());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()));
        }
        if (code == ErrorCode.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    /** Whole seconds, at least one: {@code Retry-After: 0} invites a busy loop. */
    public static long retryAfterSeconds(java.time.Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
