package com.yourbit.video.web.problem;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. {@code code} is our stable error code; {@code detail} is
 * always written for the client and never carries an exception message of a library.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problem() {
    }

    public static Response.ResponseBuilder of(int status, String code, String title, String detail) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("code", code);
        if (detail != null) {
            body.add("detail", detail);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body.build().toString());
    }

    public static Response response(int status, String code, String title, String detail) {
        return of(status, code, title, detail).build();
    }
}
