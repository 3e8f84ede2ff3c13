package com.yourbit.video.web.upload;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;
import java.util.Set;

/** tus clients behind proxies that only pass GET/POST send the real method in a header. */
@Provider
@PreMatching
public class MethodOverrideFilter implements ContainerRequestFilter {

    private static final Set<String> OVERRIDABLE = Set.of("PATCH", "DELETE", "HEAD", "PUT");

    @Override
    public void filter(ContainerRequestContext request) {
        String override = request.getHeaderString("X-HTTP-Method-Override");
        if ("POST".equals(request.getMethod()) && override != null
                && OVERRIDABLE.contains(override.trim().toUpperCase(Locale.ROOT))
                && request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("uploads/")) {
            request.setMethod(override.trim().toUpperCase(Locale.ROOT));
        }
    }
}
