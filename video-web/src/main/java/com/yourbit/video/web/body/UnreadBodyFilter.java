package com.yourbit.video.web.body;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Closes the connection after a JAX-RS answer that may leave the body unread: every refusal
 * of a request with a body, and a bounded method that answered without reading its body
 * (see {@link UnreadBodies}).
 */
@Provider
public class UnreadBodyFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!UnreadBodies.hasBody(request.getHeaderString(HttpHeaders.CONTENT_LENGTH),
                request.getHeaderString("Transfer-Encoding"))) {
            return;
        }
        boolean unread = request.getProperty(UnreadBodies.BOUNDED) != null && request.getProperty(UnreadBodies.READ) == null;
        if (response.getStatus() >= 400 || unread) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
