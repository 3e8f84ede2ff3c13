package com.yourbit.video.web.admin;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.MoveState;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.videos.MoveService;
import com.yourbit.video.domain.events.DeliveryLedger;
import com.yourbit.video.domain.events.EventDelivery;
import com.yourbit.video.domain.VideoPage;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.admin.AdminVideoService;
import com.yourbit.video.domain.admin.OperationsReport;
import com.yourbit.video.domain.admin.OperationsService;
import com.yourbit.video.domain.expiry.SweepResult;
import com.yourbit.video.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The admin calls of API.md, for the admin group only. */
@RolesAllowed(Roles.ADMIN)
@Path("api/admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class AdminResource {

    public record AdminVideoList(List<AdminVideoResponse> items, String next) {
    }

    public record EventDeliveryList(List<EventDeliveryResponse> items) {
    }

    public record Redelivery(String eventId, String status) {
    }

    public record MoveList(Map<String, Long> counts, long pendingDeletes, List<MoveResponse> items) {
    }

    public record BulkMoveResponse(String batchId, int queued) {
    }

    private static final java.util.regex.Pattern EVENT_ID = java.util.regex.Pattern.compile("msg_[0-9a-f]{32}");

    @Inject
    AdminVideoService admin;

    @Inject
    OperationsService operations;

    @Inject
    Clock clock;

    @Inject
    DeliveryLedger deliveries;

    @Inject
    MoveService moves;

    /**
     * Moves a ready video to another provider ({@code {"provider": "mux"}}): 202 with the move,
     * which {@code GET /api/admin/moves} follows. The video keeps playing from its provider until
     * the new one has it.
     */
    @POST
    @Path("videos/{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response move(@PathParam("id") String id, InputStream body) {
        VideoId video = videoId(id);
        Map<String, Object> fields = MoveBodyReader.read(body, Set.of("provider"), Set.of());
        String target = (String) fields.get("provider");
        if (target == null) {
            throw invalid("the field \"provider\" is required, e.g. {\"provider\": \"mux\"}");
        }
        return Response.accepted(MoveResponse.of(moves.start(video, target))).build();
    }

    /** Queues moves of up to {@code limit} (1–1000) ready videos of {@code from} to {@code to}: 202. */
    @POST
    @Path("move")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response bulkMove(InputStream body) {
        Map<String, Object> fields = MoveBodyReader.read(body, Set.of("from", "to"), Set.of("limit"));
        for (String required : List.of("from", "to", "limit")) {
            if (!fields.containsKey(required)) {
                throw invalid("the field \"" + required + "\" is required, e.g. {\"from\": \"local\", \"to\": \"mux\", \"limit\": 100}");
            }
        }
        int count = (Integer) fields.get("limit");
        if (count < 1 || count > MoveService.MAX_BULK) {
            throw invalid("limit must be between 1 and " + MoveService.MAX_BULK);
        }
        MoveService.Bulk bulk = moves.startBulk((String) fields.get("from"), (String) fields.get("to"), count);
        return Response.accepted(new BulkMoveResponse(bulk.batchId(), bulk.queued())).build();
    }

    /** Moves per state, how many deletes are left, and the latest moves (optionally of one {@code state}). */
    @GET
    @Path("moves")
    public MoveList moves(@QueryParam("state") String state, @QueryParam("limit") String limit) {
        MoveState filter = state == null || state.isEmpty() ? null : MoveState.fromWireName(state).orElseThrow(() ->
                invalid("state must be one of queued, waiting_for_source, ingesting, done, failed"));
        MoveService.Progress progress = moves.progress(filter, limit(limit));
        Map<String, Long> counts = new LinkedHashMap<>();
        progress.counts().forEach((s, n) -> counts.put(s.wireName(), n));
        return new MoveList(counts, progress.pendingDeletes(), progress.recent().stream().map(MoveResponse::of).toList());
    }

    /** The latest event deliveries, newest first; {@code status}: pending, delivered, failed or cancelled. */
    @GET
    @Path("events")
    public EventDeliveryList events(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        EventDelivery.Status filter = null;
        if (status != null && !status.isEmpty()) {
            try {
                filter = EventDelivery.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("status must be one of pending, delivered, failed, cancelled");
            }
            if (!status.equals(status.toLowerCase(java.util.Locale.ROOT))) {
                throw invalid("status must be one of pending, delivered, failed, cancelled");
            }
        }
        int size = limit(limit);
        return new EventDeliveryList(deliveries.recent(filter, size).stream().map(EventDeliveryResponse::of).toList());
    }

    /** Sends an event again to every endpoint it was for, from now with a fresh schedule: 202. */
    @POST
    @Path("events/{id}/redeliver")
    public Response redeliver(@PathParam("id") String id) {
        if (!EVENT_ID.matcher(id).matches() || !deliveries.redeliver(id)) {
            throw new VideoException(ErrorCode.NOT_FOUND, "no such event, or it was sent to no endpoint");
        }
        return Response.accepted(new Redelivery(id, "pending")).build();
    }

    /** Effective configuration (secrets only as set/missing), counts, latest webhook receipts. */
    @GET
    @Path("config")
    public OperationsReport config() {
        return operations.report();
    }

    /** {@code olderThan}: an ISO-8601 duration (PT1H: created over an hour ago) or an RFC 3339 instant. */
    @GET
    @Path("videos")
    public AdminVideoList videos(@QueryParam("status") String status, @QueryParam("olderThan") String olderThan,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        VideoStatus filter = status == null || status.isEmpty() ? null : VideoStatus.fromWireName(status)
                .orElseThrow(() -> invalid("status must be one of preparing, ready, errored, expired"));
        int size;
        try {
            size = limit == null || limit.isEmpty() ? 20 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw invalid("limit must be a whole number");
        }
        VideoPage page = admin.list(filter, createdBefore(olderThan), cursor, size);
        return new AdminVideoList(page.items().stream().map(AdminVideoResponse::of).toList(), page.next());
    }

    @POST
    @Path("videos/{id}/sync")
    public AdminVideoResponse sync(@PathParam("id") String id) {
        return AdminVideoResponse.of(admin.sync(videoId(id)));
    }

    /** A video id from a path: anything that is not one answers as an unknown video. */
    private static VideoId videoId(String id) {
        try {
            // UUID.fromString also takes shortened spellings ("1-1-1-1-1"): only the canonical one names a video.
            if (UUID.fromString(id).toString().equals(id.toLowerCase())) {
                return VideoId.of(id.toLowerCase());
            }
        } catch (IllegalArgumentException e) {
            // not an id
        }
        throw new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video");
    }

    /**
     * Runs the stale-upload sweep now. {@code asOf} (RFC 3339, optional) sweeps as of a later
     * time, e.g. to close uploads that will be stale by a maintenance window.
     */
    @POST
    @Path("expire-stale")
    public SweepResult expireStale(@QueryParam("asOf") String asOf) {
        Instant now = clock.instant();
        Instant when = now;
        if (asOf != null && !asOf.isEmpty()) {
            try {
                when = Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw invalid("asOf must be an RFC 3339 UTC time such as 2026-01-31T12:00:00Z");
            }
            if (when.isBefore(now)) {
                throw invalid("asOf must not be in the past");
            }
        }
        return admin.expireStale(when);
    }

    private Instant createdBefore(String olderThan) {
        if (olderThan == null || olderThan.isEmpty()) {
            return null;
        }
        try {
            return olderThan.startsWith("P") ? clock.instant().minus(Duration.parse(olderThan)) : Instant.parse(olderThan);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid("olderThan must be an ISO-8601 duration (PT1H) or an RFC 3339 time");
        }
    }

    private static int limit(String limit) {
        try {
            int size = limit == null || limit.isEmpty() ? 50 : Integer.parseInt(limit);
            if (size < 1 || size > 500) {
                throw invalid("limit must be between 1 and 500");
            }
            return size;
        } catch (NumberFormatException e) {
            throw invalid("limit must be a whole number");
        }
    }

    private static VideoException invalid(String message) {
        return new VideoException(ErrorCode.INVALID_REQUEST, message);
    }
}
