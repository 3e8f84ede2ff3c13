package com.yourbit.video.web.api;

import com.yourbit.video.domain.ErrorCode;
import com.yourbit.video.web.Roles;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Every {@code /api} call needs a valid JWT (401 otherwise); {@code /api/admin} needs the
 * {@code admin} group, the rest {@code user} or {@code admin} (403 otherwise).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ApiAccessFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (!path.equals("api") && !path.startsWith("api/")) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(Problem.of(ErrorCode.UNAUTHORIZED,
                            "a valid bearer token is required")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        boolean admin = security.isUserInRole(Roles.ADMIN);
        boolean allowed = path.startsWith("api/admin") ? admin : admin || security.isUserInRole(Roles.USER);
        if (!allowed) {
            request.abortWith(Problem.response(ErrorCode.FORBIDDEN,
                    "the token's groups do not allow this call"));
        }
    }
}
