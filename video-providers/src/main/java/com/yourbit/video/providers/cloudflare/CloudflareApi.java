package com.yourbit.video.providers.cloudflare;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The Stream API calls this service makes (MicroProfile REST Client), relative to the
 * action map's {@code api-url}. Answers are taken as raw {@link Response}s: the
 * {@code {success, errors, messages, result}} envelope is checked by {@link CloudflareClient},
 * which also maps failures, so the client's default exception mapper is switched off.
 */
@Path("/accounts/{account}/stream")
public interface CloudflareApi {

    /** Basic direct creator upload: a one-time URL the browser POSTs the file to. */
    @POST
    @Path("/direct_upload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response directUpload(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                          String body);

    /**
     * Stream downloads the video from {@code url} itself; answers the video object, state
     * {@code downloading} (developers.cloudflare.com/stream/uploading-videos/upload-via-link).
     */
    @POST
    @Path("/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response copy(@HeaderParam("Authorization") String authorization, @PathParam("account") String account, String body);

    /** Direct creator upload with tus: answers 201, {@code Location} and {@code stream-media-id}. */
    @POST
    Response createTusUpload(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                             @QueryParam("direct_user") boolean directUser,
                             @HeaderParam("Tus-Resumable") String tusResumable,
                             @HeaderParam("Upload-Length") long uploadLength,
                             @HeaderParam("Upload-Metadata") String uploadMetadata);

    @GET
    @Path("/{uid}")
    @Produces(MediaType.APPLICATION_JSON)
    Response video(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                   @PathParam("uid") String uid);

    @DELETE
    @Path("/{uid}")
    Response delete(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                    @PathParam("uid") String uid);

    /**
     * Asks for the video's MP4 ({@code default} download); idempotent at Cloudflare, it answers
     * the download's current state (developers.cloudflare.com/stream/viewing-videos/download-videos).
     */
    @POST
    @Path("/{uid}/downloads")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response createDownloads(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                             @PathParam("uid") String uid, String body);

    /**
     * Uploads a caption file for one language, replacing the one there (one per language):
     * multipart form field {@code file}; the envelope's {@code result} is the caption
     * ({@code language}, {@code label}, {@code generated}, {@code status})
     * (developers.cloudflare.com/api/resources/stream/subresources/captions/subresources/language/methods/update).
     */
    @PUT
    @Path("/{uid}/captions/{language}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    Response putCaption(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                        @PathParam("uid") String uid, @PathParam("language") String language, List<EntityPart> parts);

    /** Removes the captions of one language (…/captions/subresources/language/methods/delete). */
    @DELETE
    @Path("/{uid}/captions/{language}")
    Response deleteCaption(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                           @PathParam("uid") String uid, @PathParam("language") String language);

    /** Removes the video's downloads, so that the next {@link #createDownloads} makes the MP4 anew. */
    @DELETE
    @Path("/{uid}/downloads")
    Response deleteDownloads(@HeaderParam("Authorization") String authorization, @PathParam("account") String account,
                             @PathParam("uid") String uid);
}
