package com.yourbit.video.web;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * All HTTP endpoints: {@code /api} (JWT users), {@code /uploads} (local tus/PUT, token in
 * the URL), {@code /media} (local media, signed token) and, later, {@code /webhooks}.
 * MP-JWT authenticates callers that present a bearer token; web.xml's security constraints
 * and each resource's {@code @RolesAllowed}/{@code @PermitAll} decide who may call what.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "yourbit-video")
@DeclareRoles({Roles.USER, Roles.ADMIN})
@OpenAPIDefinition(info = @Info(title = "Yourbit Video Service", version = "1.0",
        description = "Direct uploads to video providers, provider callbacks, signed playback."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class VideoApplication extends Application {
}
