package com.yourbit.video.providers.mux;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The part of Mux Video's REST API this service calls (mux.com/docs/api-reference/video: Direct
 * Uploads and Assets, with the assets' static renditions). Bodies travel as JSON text and answers come back whole, so that
 * {@link MuxApiClient} reads Mux's {@code {"data": ...}} and {@code {"error": ...}}
 * envelopes and maps every status itself.
 */
@Path("/video/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface MuxApi {

    @POST
    @Path("uploads")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createUpload(String body);

    @GET
    @Path("uploads/{uploadId}")
    Response getUpload(@PathParam("uploadId") String uploadId);

    /** Only a {@code waiting} upload can be cancelled. */
    @PUT
    @Path("uploads/{uploadId}/cancel")
    Response cancelUpload(@PathParam("uploadId") String uploadId);

    /**
     * An asset Mux makes from a file it downloads itself ({@code inputs[].url}); 201 with the
     * asset, {@code preparing} (mux.com/docs/api-reference/video/assets/create-asset).
     */
    @POST
    @Path("assets")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createAsset(String body);

    @GET
    @Path("assets/{assetId}")
    Response getAsset(@PathParam("assetId") String assetId);

    /** 204 on success. */
    @DELETE
    @Path("assets/{assetId}")
    Response deleteAsset(@PathParam("assetId") String assetId);

    /**
     * An MP4 of an existing asset; 201 with the static rendition
     * (mux.com/docs/api-reference/video/assets/create-asset-static-rendition).
     */
    @POST
    @Path("assets/{assetId}/static-renditions")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createStaticRendition(@PathParam("assetId") String assetId, String body);

    /**
     * A text track Mux downloads from {@code url}; 201 with the track, {@code status} preparing
     * (mux.com/docs/api-reference/video/assets/create-asset-track).
     */
    @POST
    @Path("assets/{assetId}/tracks")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createTrack(@PathParam("assetId") String assetId, String body);

    /** 204 (mux.com/docs/api-reference/video/assets/delete-asset-track). */
    @DELETE
    @Path("assets/{assetId}/tracks/{trackId}")
    Response deleteTrack(@PathParam("assetId") String assetId, @PathParam("trackId") String trackId);

    /** 204 (mux.com/docs/api-reference/video/assets/delete-asset-static-rendition). */
    @DELETE
    @Path("assets/{assetId}/static-renditions/{renditionId}")
    Response deleteStaticRendition(@PathParam("assetId") String assetId, @PathParam("renditionId") String renditionId);
}
