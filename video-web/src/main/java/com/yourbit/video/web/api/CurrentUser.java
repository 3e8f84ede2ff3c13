package com.yourbit.video.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller: the token's {@code upn} where present, else its {@code sub}. */
@RequestScoped
public class CurrentUser {

    /** The schema's {@code owner_id} length; {@link TokenPolicyFilter} refuses longer ids. */
    static final int MAX_ID_LENGTH = 255;

    @Inject
    JsonWebToken jwt;

    public String id() {
        String id = idOf(jwt);
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new jakarta.ws.rs.NotAuthorizedException("Bearer");
        }
        return id;
    }

    static String idOf(JsonWebToken token) {
        String upn = token.getClaim("upn");
        return upn != null && !upn.isBlank() ? upn : token.getSubject();
    }
}
