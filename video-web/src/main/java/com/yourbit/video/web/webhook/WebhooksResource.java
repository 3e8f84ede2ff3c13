package com.yourbit.video.web.webhook;

import com.yourbit.video.api.WebhookDelivery;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.web.body.BodyLimit;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code POST /webhooks/{provider}}: no JWT; the provider's signature over the raw body is
 * what authenticates the call. 2xx for accepted, repeated and unmatched events alike.
 */
@PermitAll
@Path("webhooks/{provider}")
public class WebhooksResource {

    @Inject
    VideoService videos;

    @Inject
    Clock clock;

    /** Larger than any provider event; a bigger body is not a provider's. */
    @POST
    @BodyLimit(value = 1 << 20, code = ErrorCode.WEBHOOK_TOO_LARGE)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Provider callback (Mux-Signature / Webhook-Signature verified)")
    public Response receive(@PathParam("provider") String provider, @Context HttpHeaders headers, byte[] body) {
        Map<String, String> single = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> single.put(name, String.join(",", values)));
        List<UpdateOutcome> outcomes = videos.receiveWebhook(provider, new WebhookDelivery(single, body, clock.instant()));
        // Written by hand: Json.create* looks the JSON provider up on every call, and outcomes are plain words.
        StringJoiner list = new StringJoiner("\",\"", "{\"outcomes\":[\"", "\"]}").setEmptyValue("{\"outcomes\":[]}");
        outcomes.forEach(o -> list.add(o.name().toLowerCase(Locale.ROOT)));
        return Response.ok(list.toString()).build();
    }
}
