package com.yourbit.video.providers.local;

import com.yourbit.video.providers.common.ProviderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses, when the application starts, a storage the local provider could not use
 * ({@code storage}, {@code s3.*}): the deployment fails with the key named, rather than the
 * first upload. Values only; the store being reachable is checked (and logged) when the
 * provider's components are built, since a store briefly away should not keep the service down.
 */
@ApplicationScoped
public class LocalStorageStartupCheck {

    @Inject
    Config config;

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            LocalSettingsReader.storage(new ProviderConfig(config, LocalSettings.PREFIX));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("local provider storage refused: " + e.getMessage());
        }
    }
}
