package com.yourbit.video.api;

/**
 * The catalogue of errors a client can see: a stable code, an HTTP status and a title. Every
 * problem document the service answers takes its code from here, the upload protocols'
 * refusals included, so one code never means two things.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request"),
    INVALID_JSON(400, "Bad Request"),
    UNAUTHORIZED(401, "Authentication required"),
    WEBHOOK_SIGNATURE_INVALID(401, "Webhook signature invalid"),
    WEBHOOK_MALFORMED(400, "Webhook body malformed"),
    FORBIDDEN(403, "Forbidden"),
    VIDEO_NOT_FOUND(404, "Video not found"),
    NOT_FOUND(404, "Not found"),
    UPLOAD_NOT_FOUND(404, "Not Found"),
    VIDEO_NOT_READY(409, "Video not ready"),
    /** The MP4 download is being made; always with Retry-After. */
    DOWNLOAD_NOT_READY(409, "Download not ready"),
    /** The storyboard is being made; always with Retry-After. */
    STORYBOARD_NOT_READY(409, "Storyboard not ready"),
    UPLOAD_ALREADY_CREATED(409, "Conflict"),
    UPLOAD_CLOSED(410, "Gone"),
    UPLOAD_EXPIRED(410, "Gone"),
    UPLOAD_TOO_LARGE(413, "Content Too Large"),
    ILLEGAL_TRANSITION(409, "Illegal status change"),
    /** A video has as many captions as it may (one per language, CaptionService's bound). */
    CAPTION_LIMIT_EXCEEDED(409, "Too many captions"),
    UNKNOWN_PROVIDER(422, "Unknown or unconfigured provider"),
    /** A move of a video to the provider it is at, or to one that cannot fetch a video from a URL. */
    INVALID_MOVE_TARGET(422, "Invalid move target"),
    /** The video is being moved to another provider already. */
    MOVE_IN_PROGRESS(409, "Move in progress"),
    /** A source URL to ingest from that the ingest policy refuses (scheme, host, address). */
    INGEST_SOURCE_REFUSED(422, "Source URL refused"),
    PROVIDER_FAILED(502, "Provider failed"),
    PROVIDER_UNAVAILABLE(503, "Provider unavailable"),
    /** This node is at a bound it keeps so the rest of the service stays responsive; retry later. */
    SERVER_BUSY(503, "Service Unavailable"),
    INTERNAL_ERROR(500, "Internal Server Error"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    WEBHOOK_TOO_LARGE(413, "Content Too Large"),
    /** A request body above its endpoint's bound (BodyLimit in the web layer). */
    REQUEST_TOO_LARGE(413, "Content Too Large"),

    // Per-user limits (video.limits.*): always with Retry-After.
    PENDING_LIMIT_EXCEEDED(429, "Too Many Requests"),
    CREATION_RATE_EXCEEDED(429, "Too Many Requests"),
    UPLOAD_QUOTA_EXCEEDED(429, "Too Many Requests"),
    /** A user's live event streams (GET /api/videos/{id}/events) at their bound. */
    STREAM_LIMIT_EXCEEDED(429, "Too Many Requests"),
    /** Media work (thumbnail rendering) is saturated; with Retry-After. */
    MEDIA_BUSY(503, "Service Unavailable"),

    // Media served by the local provider.
    INVALID_MEDIA_TOKEN(401, "Unauthorized"),
    MEDIA_NOT_FOUND(404, "Not Found"),
    RANGE_NOT_SATISFIABLE(416, "Range Not Satisfiable"),
    THUMBNAIL_UNAVAILABLE(422, "Unprocessable Content"),

    // Upload protocols (tus, Mux-style PUT): statuses as tusd answers them.
    UNSUPPORTED_VERSION(412, "Precondition Failed"),
    MISSING_UPLOAD_LENGTH(400, "Bad Request"),
    INVALID_UPLOAD_LENGTH(400, "Bad Request"),
    MISSING_UPLOAD_OFFSET(400, "Bad Request"),
    INVALID_UPLOAD_OFFSET(400, "Bad Request"),
    MISSING_CONTENT_LENGTH(400, "Bad Request"),
    INVALID_CONTENT_LENGTH(400, "Bad Request"),
    INVALID_DEFER_LENGTH(400, "Bad Request"),
    DEFER_LENGTH_UNSUPPORTED(400, "Bad Request"),
    INVALID_METADATA(400, "Bad Request"),
    INVALID_CONTENT_RANGE(400, "Bad Request"),
    INVALID_CHECKSUM(400, "Bad Request"),
    UNSUPPORTED_CHECKSUM_ALGORITHM(400, "Bad Request"),
    BODY_INTERRUPTED(400, "Bad Request"),
    INVALID_CONTENT_TYPE(415, "Unsupported Media Type"),
    MISMATCHED_OFFSET(409, "Conflict"),
    LENGTH_MISMATCH(409, "Conflict"),
    UPLOAD_CONFLICT(409, "Conflict"),
    UPLOAD_SIZE_EXCEEDED(413, "Content Too Large"),
    UPLOAD_LOCKED(423, "Locked"),
    /** The tus checksum extension's status for a chunk that does not match its checksum. */
    CHECKSUM_MISMATCH(460, "Checksum Mismatch"),
    STORAGE_FAILED(500, "Internal Server Error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The stable, machine-readable code, e.g. {@code VIDEO_NOT_FOUND}. */
    public String code() {
        return name();
    }
}
