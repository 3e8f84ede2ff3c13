package com.yourbit.video.web.upload;

import com.yourbit.video.domain.upload.UploadRefusedException;
import com.yourbit.video.web.problem.Problem;
import com.yourbit.video.web.problem.VideoExceptionMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refusal of the upload path: its code's problem, with {@code Tus-Resumable} as tus asks of every answer, and Retry-After when it passes. */
@Provider
public class UploadRefusalMapper implements ExceptionMapper<UploadRefusedException> {

    @Override
    public Response toResponse(UploadRefusedException e) {
        Response.ResponseBuilder response = Problem.of(e.code(), e.getMessage())
                .header(TusHeaders.RESUMABLE, TusHeaders.VERSION);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, VideoExceptionMapper.retryAfterSeconds(e.retryAfter()));
        }
        return response.build();
    }
}
