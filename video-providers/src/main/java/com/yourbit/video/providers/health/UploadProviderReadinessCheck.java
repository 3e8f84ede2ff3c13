package com.yourbit.video.providers.health;

import com.yourbit.video.api.NamedProvider;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the provider configured for new uploads ({@code video.provider}) exists
 * and has the secrets it needs; otherwise every create would fail. Names no secret.
 */
@Readiness
@ApplicationScoped
public class UploadProviderReadinessCheck implements HealthCheck {

    @Inject
    @Any
    Instance<VideoProvider> providers;

    @Inject
    Config config;

    @Override
    public HealthCheckResponse call() {
        String name = config.getOptionalValue("video.provider", String.class).orElse("local");
        boolean ready = ProviderName.isValid(name) && providers.select(new NamedProvider.Literal(ProviderName.of(name)))
                .stream().anyMatch(VideoProvider::isConfigured);
        return HealthCheckResponse.named("upload-provider").status(ready).withData("provider", name).build();
    }
}
