package com.yourbit.video.providers.cloudflare;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses, when the application starts, Cloudflare settings that would make every signed URL
 * fail later: today the tokens' {@code access-rules}. The deployment fails with the key named,
 * so an operator sees the mistake at once rather than in viewers' errors.
 */
@ApplicationScoped
public class CloudflareStartupCheck {

    @Inject
    Config config;

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            // Only this key: the provider reads the rest on every use, and unconfigured is fine.
            config.getOptionalValue(CloudflareSettings.PREFIX + "access-rules", String.class).ifPresent(StreamAccessRules::parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cloudflare configuration refused: " + e.getMessage());
        }
    }
}
