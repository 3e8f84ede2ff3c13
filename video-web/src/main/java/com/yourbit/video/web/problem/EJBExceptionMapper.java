package com.yourbit.video.web.problem;

import com.yourbit.video.domain.VideoException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The EJB container wraps unexpected exceptions; a wrapped domain refusal is still a refusal. */
@Provider
public class EJBExceptionMapper implements ExceptionMapper<EJBException> {

    @Override
    public Response toResponse(EJBException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VideoException refusal) {
                return new VideoExceptionMapper().toResponse(refusal);
            }
        }
        return new FallbackExceptionMapper().toResponse(e);
    }
}
