package com.yourbit.video.web.upload;

import com.yourbit.video.api.TusCreationRelay;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.domain.videos.RelayedUploadService;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * CORS for the local provider's upload URLs and media, so that a page on another origin
 * (the web tier) can upload with tus or PUT and play the HLS rendition, and for the tus
 * creation endpoints of providers that create uploads on demand. Allowed origins come from
 * {@code video.action-map.local.cors-origins}, for a creation endpoint from its provider
 * ({@link com.yourbit.video.api.TusCreationRelay#allowedOrigins()}); header lists follow tusd's: a
 * preflight learns the methods and request headers, an actual response exposes the tus
 * headers. Other origins get no CORS headers, so the browser refuses the response.
 */
@Provider
public class CrossOriginFilter implements ContainerResponseFilter {

    static final String ALLOW_METHODS = "POST, GET, HEAD, PATCH, DELETE, PUT, OPTIONS";
    static final String ALLOW_HEADERS = "Authorization, Origin, X-Requested-With, X-Request-ID, X-HTTP-Method-Override, "
            + "Content-Type, Content-Range, Range, Upload-Length, Upload-Offset, Tus-Resumable, Upload-Metadata, "
            + "Upload-Defer-Length, Upload-Checksum";
    static final String EXPOSE_HEADERS = "Upload-Offset, Location, Upload-Length, Tus-Version, Tus-Resumable, "
            + "Tus-Max-Size, Tus-Extension, Tus-Checksum-Algorithm, Upload-Metadata, Upload-Defer-Length, "
            + "Upload-Expires, Range, Content-Range, Accept-Ranges, Content-Length";

    @Inject
    UploadStore store;

    @Inject
    RelayedUploadService relayed;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath().replaceFirst("^/", "");
        String origin = request.getHeaderString("Origin");
        if (!(path.startsWith("uploads/") || path.startsWith("media/"))) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        if (origin == null || !allowed(origin, allowedOrigins(path))) {
            return;
        }
        headers.putSingle("Access-Control-Allow-Origin", origin);
        if ("OPTIONS".equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", ALLOW_METHODS);
            headers.putSingle("Access-Control-Allow-Headers", ALLOW_HEADERS);
            headers.putSingle("Access-Control-Max-Age", "86400");
        } else {
            headers.putSingle("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
    }

    /** {@code uploads/{provider}/{token}} is a relayed creation endpoint; other paths are the local provider's. */
    private List<String> allowedOrigins(String path) {
        String[] segments = path.split("/");
        if (segments.length == 3 && "uploads".equals(segments[0])) {
            return relayed.relay(segments[1]).map(TusCreationRelay::allowedOrigins).orElse(List.of());
        }
        return store.allowedOrigins();
    }

    static boolean allowed(String origin, List<String> allowedOrigins) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
}
