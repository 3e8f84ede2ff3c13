package com.yourbit.video.web.api;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What MP-JWT does not check itself: a token issued in the future (beyond the clock skew) and a
 * user id longer than the schema stores. Both are refused like any invalid token, with 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenPolicyFilter implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "video.jwt.clock-skew", defaultValue = "PT60S")
    Duration clockSkew;

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        String refusal = refusal(token.getIssuedAtTime(), CurrentUser.idOf(token), clock.instant(), clockSkew);
        if (refusal != null) {
            request.abortWith(Problem.of(ErrorCode.UNAUTHORIZED, refusal)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build());
        }
    }

    /** Why a verified token is still refused, or null. */
    static String refusal(long issuedAtSeconds, String userId, Instant now, Duration skew) {
        if (issuedAtSeconds > now.plus(skew).getEpochSecond()) {
            return "the token is issued in the future";
        }
        if (userId == null || userId.isBlank()) {
            return "the token names no user (upn or sub)";
        }
        if (userId.length() > CurrentUser.MAX_ID_LENGTH) {
            return "the token's user id is longer than " + CurrentUser.MAX_ID_LENGTH + " characters";
        }
        return null;
    }
}
