package com.yourbit.video.web.problem;

import com.yourbit.video.api.ErrorCode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our own failures: logged in full with an incident id, answered with only that id so that
 * no stack trace, SQL or secret reaches a client.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident, e);
        return Problem.response(ErrorCode.INTERNAL_ERROR,
                "the service failed; quote incident " + incident + " when reporting it");
    }
}
