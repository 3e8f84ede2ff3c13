package com.yourbit.video.web.demo;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The development demo page: {@code /} and its files under {@code /demo/} (the page's own and
 * the browser builds of tus-js-client, UpChunk and hls.js, which the build copies from npm into
 * {@code demo-page/vendor}). The page calls the public API only, with the demo user's token
 * ({@link DemoTokenResource}). Off (the production configuration): every path answers 404, as
 * when this class did not exist.
 */
@PermitAll
@Path("/")
public class DemoPageResource {

    /**
     * Scripts and styles only from this origin; uploads, media and images also from the local
     * provider's public URL (the page may be opened under another name, 127.0.0.1 for
     * localhost) and from a provider's CDN over https.
     */
    static String csp(String localOrigin) {
        String self = localOrigin == null ? "'self'" : "'self' " + localOrigin;
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + self + " https: data: blob:; "
                + "media-src " + self + " https: blob:; connect-src " + self + " https:; worker-src 'self' blob:; "
                + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of an http(s) URL, or null. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Asset(String resource, String type) {
    }

    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, Asset> FILES = Map.of(
            "demo.js", new Asset("/demo-page/demo.js", JS),
            "demo.css", new Asset("/demo-page/demo.css", "text/css; charset=utf-8"),
            "tus.min.js", new Asset("/demo-page/vendor/tus.min.js", JS),
            "upchunk.js", new Asset("/demo-page/vendor/upchunk.js", JS),
            "hls.min.js", new Asset("/demo-page/vendor/hls.min.js", JS));

    @Inject
    DemoSwitch demo;

    @Inject
    @ConfigProperty(name = "video.action-map.local.public-url")
    Optional<String> publicUrl;

    @GET
    @Operation(hidden = true)
    public Response page() {
        return file(new Asset("/demo-page/index.html", "text/html; charset=utf-8"));
    }

    @GET
    @Path("demo/{file}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String name) {
        Asset asset = FILES.get(name);
        if (asset == null) {
            throw new NotFoundException();
        }
        return file(asset);
    }

    private Response file(Asset asset) {
        if (!demo.on()) {
            throw new NotFoundException();
        }
        InputStream in = DemoPageResource.class.getResourceAsStream(asset.resource());
        if (in == null) {
            throw new NotFoundException();
        }
        return Response.ok(in, asset.type())
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", csp(publicUrl.map(DemoPageResource::originOf).orElse(null)))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
