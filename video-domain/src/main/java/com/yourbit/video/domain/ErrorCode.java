package com.yourbit.video.domain;

/** The catalogue of errors a client can see: a stable code, an HTTP status and a title. */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request"),
    UNAUTHORIZED(401, "Authentication required"),
    WEBHOOK_SIGNATURE_INVALID(401, "Webhook signature invalid"),
    WEBHOOK_MALFORMED(400, "Webhook body malformed"),
    FORBIDDEN(403, "Forbidden"),
    VIDEO_NOT_FOUND(404, "Video not found"),
    NOT_FOUND(404, "Not found"),
    UPLOAD_NOT_FOUND(404, "Not Found"),
    VIDEO_NOT_READY(409, "Video not ready"),
    UPLOAD_ALREADY_CREATED(409, "Conflict"),
    UPLOAD_CLOSED(410, "Gone"),
    UPLOAD_EXPIRED(410, "Gone"),
    UPLOAD_TOO_LARGE(413, "Content Too Large"),
    ILLEGAL_TRANSITION(409, "Illegal status change"),
    UNKNOWN_PROVIDER(422, "Unknown or unconfigured provider"),
    PROVIDER_FAILED(502, "Provider failed"),
    PROVIDER_UNAVAILABLE(503, "Provider unavailable");

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
