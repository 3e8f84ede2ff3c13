package com.yourbit.video.web.api;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.captions.CaptionService;
import com.yourbit.video.domain.captions.CaptionView;
import com.yourbit.video.web.Roles;
import com.yourbit.video.web.body.BodyLimit;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A video's captions (API.md): {@code PUT /api/videos/{id}/captions/{lang}} with a
 * {@code text/vtt} body of at most 1 MiB (413 before it is read whole, {@link BodyLimit}; 415 for
 * another type), {@code GET /api/videos/{id}/captions}, {@code DELETE …/{lang}}.
 */
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Path("api/videos/{id}/captions")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class CaptionsResource {

    /** API.md's bound of a caption file. */
    static final long MAX_BYTES = 1024 * 1024;
    static final String WEBVTT = "text/vtt";

    @Inject
    CaptionService captions;

    @Inject
    CurrentUser user;

    @Context
    UriInfo uri;

    /** 201 for a new language, 200 for a replaced one; {@code {"lang","label","status"}}. */
    @PUT
    @Path("{lang}")
    @Consumes(WEBVTT)
    @BodyLimit(MAX_BYTES)
    public Response put(@PathParam("id") String id, @PathParam("lang") String lang, @QueryParam("label") String label,
                        byte[] body) {
        CaptionView view = captions.put(user.id(), VideosResource.checkId(id), lang, label, utf8(body));
        CaptionPutResponse entity = CaptionPutResponse.of(view);
        return view.created()
                ? Response.created(uri.getBaseUriBuilder().path("api/videos").path(id).path("captions")
                        .path(view.lang()).build()).entity(entity).build()
                : Response.ok(entity).build();
    }

    @GET
    public CaptionListResponse list(@PathParam("id") String id, @QueryParam("ttl") String ttl) {
        return new CaptionListResponse(captions.list(user.id(), VideosResource.checkId(id), VideosResource.ttl(ttl))
                .stream().map(CaptionResponse::of).toList());
    }

    @DELETE
    @Path("{lang}")
    public Response delete(@PathParam("id") String id, @PathParam("lang") String lang) {
        captions.remove(user.id(), VideosResource.checkId(id), lang);
        return Response.noContent().build();
    }

    /** WebVTT is UTF-8 (W3C WebVTT 4.1); anything else is refused rather than guessed at. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "not valid WebVTT: the file is not UTF-8");
        }
    }
}
