package com.yourbit.video.web.problem;

import com.yourbit.video.api.ErrorCode;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not JSON, or not JSON of the expected shape. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return malformedJson();
    }

    static Response malformedJson() {
        return Problem.response(ErrorCode.INVALID_JSON, "the request body is not valid JSON of the expected shape");
    }

    /** RESTEasy wraps body-reading failures in a ProcessingException. */
    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof JsonbException || t instanceof JsonParsingException) {
                    return malformedJson();
                }
            }
            return Problem.response(ErrorCode.INVALID_REQUEST, "the request body could not be read");
        }
    }
}
