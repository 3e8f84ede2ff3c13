package com.yourbit.video.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller: the token's {@code upn} where present, else its {@code sub}. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken jwt;

    public String id() {
        String upn = jwt.getClaim("upn");
        String id = upn != null && !upn.isBlank() ? upn : jwt.getSubject();
        if (id == null || id.isBlank()) {
            throw new jakarta.ws.rs.NotAuthorizedException("Bearer");
        }
        return id;
    }
}
