package com.yourbit.video.web.events;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.web.Roles;
import com.yourbit.video.web.api.CurrentUser;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.UUID;

/**
 * {@code GET /api/videos/{id}/events}: the video's events as server-sent events, for its owner
 * ({@code id:} is the event's {@code seq}, {@code event:} its type, {@code data:} the event as
 * the web tier's endpoint gets it). With {@code Last-Event-ID} it resumes after that event.
 */
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Path("api/videos/{id}/events")
@SecurityRequirement(name = "jwt")
public class VideoEventsResource {

    @Inject
    VideoService videos;

    @Inject
    CurrentUser user;

    @Inject
    LiveEvents live;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        VideoId videoId = checkId(id);
        String owner = user.id();
        videos.get(owner, videoId);
        long after = lastSeq(lastEventId);
        if (!live.open(videoId.value(), owner, after, sink, sse)) {
            throw new WebApplicationException(Problem.of(ErrorCode.STREAM_LIMIT_EXCEEDED,
                    "at most " + LiveEvents.MAX_PER_USER + " event streams per user are open at once")
                    .header(HttpHeaders.RETRY_AFTER, 30).build());
        }
    }

    /** The {@code seq} to resume after: what this service sent as {@code id:}, a whole number. */
    private static long lastSeq(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        if (!header.strip().matches("[0-9]{1,15}")) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "Last-Event-ID must be the id of an event this stream sent");
        }
        return Long.parseLong(header.strip());
    }

    private static VideoId checkId(String id) {
        try {
            if (UUID.fromString(id).toString().equals(id.toLowerCase())) {
                return VideoId.of(id.toLowerCase());
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: no such video
        }
        throw new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video");
    }
}
