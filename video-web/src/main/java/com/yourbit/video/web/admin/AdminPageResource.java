package com.yourbit.video.web.admin;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.util.Map;

/**
 * The static admin page at {@code /admin/}. JAX-RS owns every path of this application, so
 * the page's three files are served from the classpath here. The page holds no data: it
 * calls {@code /api/admin} with the token the admin pastes.
 */
// Static files; the page calls /api/admin with the token the admin pastes.
@PermitAll
@Path("admin")
public class AdminPageResource {

    private static final Map<String, String> FILES = Map.of(
            "admin.js", "text/javascript; charset=utf-8",
            "admin.css", "text/css; charset=utf-8");

    @GET
    @Operation(hidden = true)
    public Response page() {
        return file("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("{file}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return file(name, type);
    }

    private static Response file(String name, String type) {
        InputStream in = AdminPageResource.class.getResourceAsStream("/admin-page/" + name);
        if (in == null) {
            throw new NotFoundException();
        }
        return Response.ok(in, type)
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
