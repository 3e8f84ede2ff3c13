package com.yourbit.video.web.body;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One method's body bound: a Content-Length above it is refused before anything is read; a
 * body without one (chunked) is read up to the bound plus one byte, then refused. Either way
 * 413 with {@code Connection: close} (see {@link UnreadBodies}). Bodies within the bound
 * are handed to the entity reader from memory, so no reader ever sees more than the bound.
 */
@Priority(Priorities.AUTHENTICATION - 100)
final class BoundedBody implements ContainerRequestFilter, ReaderInterceptor {

    private final long limit;
    private final ErrorCode code;

    BoundedBody(long limit, ErrorCode code) {
        this.limit = limit;
        this.code = code;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(UnreadBodies.BOUNDED, Boolean.TRUE);
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared)) {
            request.abortWith(tooLarge());
        }
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the container has already refused a malformed Content-Length
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = readWithin(context.getInputStream(), limit);
        if (body == null) {
            throw new WebApplicationException(tooLarge());
        }
        context.setProperty(UnreadBodies.READ, Boolean.TRUE);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** The whole body, or null as soon as it is longer than {@code limit} (reading one byte past it). */
    static byte[] readWithin(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }

    private Response tooLarge() {
        return Problem.of(code, "the request body is larger than " + limit + " bytes").build();
    }
}
