package com.yourbit.video.web.problem;

import com.yourbit.video.api.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. {@code code} is our stable error code from {@link ErrorCode};
 * {@code detail} is always written for the client and never carries an exception message
 * of a library.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problem() {
    }

    public static Response.ResponseBuilder of(ErrorCode code, String detail) {
        return Response.status(code.status()).type(PROBLEM_JSON).entity(body(code, detail));
    }

    /**
     * A refusal of the HTTP layer with a status the catalogue has no code for: code
     * {@code HTTP_<status>}.
     */
    public static Response.ResponseBuilder ofStatus(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, "HTTP_" + status, title, detail));
    }

    /** The document itself, for writers outside JAX-RS (servlets). */
    public static String body(ErrorCode code, String detail) {
        return body(code.status(), code.code(), code.title(), detail);
    }

    static String body(int status, String code, String title, String detail) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("code", code);
        if (detail != null) {
            body.add("detail", detail);
        }
        return body.build().toString();
    }

    public static Response response(ErrorCode code, String detail) {
        return of(code, detail).build();
    }
}
