package com.yourbit.video.web.demo;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /demo/token}: the demo user's token for the demo page, {@code {"token",
 * "expiresAt", "user"}}. 404 unless the development configuration is on. Even then only a
 * page opened at a loopback name or at the local provider's public URL gets one: another
 * site's page cannot (its {@code Origin} differs, and it could not read the answer anyway), nor
 * can one that points its own name at this machine (DNS rebinding: its {@code Host} is not ours).
 */
@PermitAll
@Path("demo/token")
public class DemoTokenResource {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    @Inject
    DemoSwitch demo;

    @Inject
    DemoTokens tokens;

    @Inject
    @ConfigProperty(name = "video.action-map.local.public-url")
    Optional<String> publicUrl;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response token(@HeaderParam("Host") String host, @HeaderParam("Origin") String origin) {
        if (!demo.on()) {
            throw new NotFoundException();
        }
        String refusal = refusal(host, origin, publicUrl.map(DemoTokenResource::hostOf).orElse(null));
        if (refusal != null) {
            throw new WebApplicationException(Problem.of(ErrorCode.FORBIDDEN, refusal).build());
        }
        DemoTokens.Issued issued = tokens.token();
        return Response.ok(Json.createObjectBuilder()
                        .add("token", issued.token())
                        .add("expiresAt", issued.expiresAt().toString())
                        .add("user", DemoTokens.USER)
                        .build().toString())
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Why a request is refused a token, or null. */
    static String refusal(String host, String origin, String publicHost) {
        String name = host == null ? null : hostOf("http://" + host.strip());
        if (name == null || !(LOOPBACK.contains(name) || name.equals(publicHost))) {
            return "the demo token is given only to the page at localhost or at the local provider's public URL";
        }
        if (origin != null && !origin.equalsIgnoreCase("http://" + host.strip()) && !origin.equalsIgnoreCase("https://" + host.strip())) {
            return "the demo token is given only to the demo page itself";
        }
        return null;
    }

    /** The lower-case host name of a URL (IPv6 in brackets), or null when there is none. */
    static String hostOf(String url) {
        try {
            String name = URI.create(url).getHost();
            return name == null ? null : name.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
