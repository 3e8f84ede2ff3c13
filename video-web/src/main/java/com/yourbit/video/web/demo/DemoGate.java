package com.yourbit.video.web.demo;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * With the demo off, {@code /} and everything under {@code /demo} answer 404 before JAX-RS
 * matches a resource, for every method: otherwise its own answers (405 for a GET of
 * {@code /demo/token}, the automatic OPTIONS) would tell that the endpoints are there.
 */
@Provider
@PreMatching
public class DemoGate implements ContainerRequestFilter {

    @Inject
    DemoSwitch demo;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!demo.on() && isDemoPath(request.getUriInfo().getPathSegments())) {
            request.abortWith(Problem.of(ErrorCode.NOT_FOUND, "nothing is here").build());
        }
    }

    /** {@code /} itself or a path whose first segment (without matrix parameters) is {@code demo}. */
    static boolean isDemoPath(List<PathSegment> segments) {
        List<String> names = segments.stream().map(PathSegment::getPath).filter(s -> !s.isEmpty()).toList();
        return names.isEmpty() || names.get(0).equals("demo");
    }
}
