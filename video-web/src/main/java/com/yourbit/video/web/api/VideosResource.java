package com.yourbit.video.web.api;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoPage;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The videos API of API.md: each method validates, calls one service method, maps the result. */
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Path("api/videos")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class VideosResource {

    @Inject
    VideoService videos;

    @Inject
    CurrentUser user;

    @Context
    UriInfo uri;

    /**
     * The body is read by {@link CreateVideoRequestReader}: field types exactly as declared,
     * nothing unknown. With {@code source} the provider fetches the file from its URL (no upload).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateVideoRequest.class)))
    public Response create(InputStream body) {
        CreateVideoRequest request = CreateVideoRequestReader.read(body);
        TitleRule.check(request.title());
        Optional<String> provider = Optional.ofNullable(request.provider());
        Video video = request.source() == null ? videos.create(user.id(), request.title(), provider)
                : videos.ingest(user.id(), request.title(), provider, request.source().url());
        return Response.created(uri.getBaseUriBuilder().path("api/videos").path(video.getId()).build())
                .entity(VideoResponse.of(video)).build();
    }

    @GET
    @Path("{id}")
    public VideoResponse get(@PathParam("id") String id) {
        return VideoResponse.of(videos.get(user.id(), checkId(id)));
    }

    @GET
    public VideoListResponse list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor) {
        VideoStatus filter = status == null || status.isEmpty() ? null : VideoStatus.fromWireName(status)
                .orElseThrow(() -> invalid("status must be one of preparing, ready, errored, expired"));
        VideoPage page = videos.list(user.id(), filter, cursor, intParam("limit", limit, 20));
        return new VideoListResponse(page.items().stream().map(VideoResponse::of).toList(), page.next());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        videos.delete(user.id(), checkId(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/playback")
    public SignedUrlResponse playback(@PathParam("id") String id, @QueryParam("ttl") String ttl) {
        SignedUrl url = videos.playback(user.id(), checkId(id), ttl(ttl));
        return new SignedUrlResponse(url.url().toString(), url.expiresAt());
    }

    @GET
    @Path("{id}/thumbnail")
    public ThumbnailResponse thumbnail(@PathParam("id") String id, @QueryParam("time") String time,
                                       @QueryParam("width") String width, @QueryParam("height") String height) {
        ThumbnailSpec spec;
        try {
            spec = new ThumbnailSpec(time == null ? null : Double.valueOf(time),
                    width == null ? null : Integer.valueOf(width), height == null ? null : Integer.valueOf(height));
        } catch (NumberFormatException e) {
            throw invalid("time must be a number of seconds; width and height whole numbers of pixels");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return new ThumbnailResponse(videos.thumbnail(user.id(), checkId(id), spec).url().toString());
    }

    /** 409 with Retry-After while the provider makes the MP4 (it is asked for one on the first call). */
    @GET
    @Path("{id}/download")
    public SignedUrlResponse download(@PathParam("id") String id, @QueryParam("ttl") String ttl) {
        SignedUrl url = videos.download(user.id(), checkId(id), ttl(ttl));
        return new SignedUrlResponse(url.url().toString(), url.expiresAt());
    }

    @GET
    @Path("{id}/storyboard")
    public SignedUrlResponse storyboard(@PathParam("id") String id, @QueryParam("ttl") String ttl) {
        SignedUrl url = videos.storyboard(user.id(), checkId(id), ttl(ttl));
        return new SignedUrlResponse(url.url().toString(), url.expiresAt());
    }

    /** Mux's parameters and limits: {@code start}, {@code end} (at most 10 s later), {@code width}/{@code height} ≤ 640, {@code fps} ≤ 30. */
    @GET
    @Path("{id}/animated")
    public SignedUrlResponse animated(@PathParam("id") String id, @QueryParam("start") String start,
                                      @QueryParam("end") String end, @QueryParam("width") String width,
                                      @QueryParam("height") String height, @QueryParam("fps") String fps,
                                      @QueryParam("format") String format, @QueryParam("ttl") String ttl) {
        AnimatedSpec spec;
        try {
            spec = AnimatedSpec.of(number("start", start), number("end", end), whole("width", width),
                    whole("height", height), whole("fps", fps),
                    format == null || format.isEmpty() ? null : AnimatedSpec.Format.fromWireName(format));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        SignedUrl url = videos.animated(user.id(), checkId(id), spec, ttl(ttl));
        return new SignedUrlResponse(url.url().toString(), url.expiresAt());
    }

    static Duration ttl(String ttl) {
        return Duration.ofSeconds(intParam("ttl", ttl, (int) VideoService.DEFAULT_TTL.toSeconds()));
    }

    private static Double number(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed) || !value.matches("[0-9]{1,9}(\\.[0-9]{1,6})?")) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a number of seconds");
        }
    }

    private static Integer whole(String name, String value) {
        return value == null || value.isEmpty() ? null : intParam(name, value, 0);
    }

    /** Ids are UUIDs; anything else cannot name a video, so it is just as missing. */
    static VideoId checkId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase()) ? VideoId.of(id.toLowerCase()) : notFound();
        } catch (IllegalArgumentException e) {
            return notFound();
        }
    }

    private static VideoId notFound() {
        throw new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video");
    }

    private static int intParam(String name, String value, int defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number");
        }
    }

    private static VideoException invalid(String message) {
        return new VideoException(ErrorCode.INVALID_REQUEST, message);
    }
}
