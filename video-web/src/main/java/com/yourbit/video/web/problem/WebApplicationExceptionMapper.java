package com.yourbit.video.web.problem;

import com.yourbit.video.api.ErrorCode;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unknown path, wrong method, unsupported media type, unreadable
 * body) as problem+json, with a fixed wording per status instead of the framework's message.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (original.hasEntity() && Problem.PROBLEM_JSON.isCompatible(original.getMediaType())) {
            return original;
        }
        if (status >= 500) {
            return new FallbackExceptionMapper().toResponse(e);
        }
        ErrorCode code = code(status);
        Response.ResponseBuilder problem = code != null ? Problem.of(code, detail(status))
                : Problem.ofStatus(status, title(status), detail(status));
        if (status == 403 && e instanceof ForbiddenException && security != null && security.getUserPrincipal() == null) {
            // RESTEasy's @RolesAllowed check refuses an anonymous caller with 403; it needs a token first.
            problem = Problem.of(ErrorCode.UNAUTHORIZED, "a valid bearer token is required")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e instanceof NotAllowedException && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            problem.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return problem.build();
    }

    /** The problem document for a bare status, for writers outside JAX-RS. */
    public static String forStatus(int status) {
        ErrorCode code = code(status);
        return code != null ? Problem.body(code, detail(status)) : Problem.body(status, "HTTP_" + status, title(status), detail(status));
    }

    private static ErrorCode code(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Request refused";
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is malformed (for a JSON body: it is not valid JSON of the expected shape)";
            case 404 -> "nothing is here";
            case 403 -> "the token's groups do not allow this call";
            case 405 -> "this method is not allowed here";
            case 406 -> "no acceptable representation: this API answers application/json";
            case 415 -> "unsupported Content-Type";
            default -> null;
        };
    }
}
