package com.yourbit.video.providers.local;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads {@link LocalSettings} from MicroProfile Config once per application start. */
@ApplicationScoped
public class LocalSettingsProducer {

    @Inject
    Config config;

    @Produces
    LocalSettings settings() {
        return new LocalSettings(
                URI.create(config.getValue(LocalSettings.PREFIX + "public-url", String.class)),
                Path.of(config.getValue(LocalSettings.PREFIX + "storage-dir", String.class)),
                Duration.parse(config.getValue(LocalSettings.PREFIX + "upload-timeout", String.class)),
                config.getValue(LocalSettings.PREFIX + "max-size", Long.class),
                config.getOptionalValue(LocalSettings.SIGNING_KEY_SECRET, String.class).filter(s -> !s.isBlank()),
                config.getOptionalValue(LocalSettings.PREFIX + "ffprobe", String.class).orElse("ffprobe"),
                config.getOptionalValue(LocalSettings.PREFIX + "ffmpeg", String.class).orElse("ffmpeg"),
                Duration.parse(config.getOptionalValue(LocalSettings.PREFIX + "sweep-interval", String.class).orElse("PT1M")),
                config.getOptionalValues(LocalSettings.PREFIX + "cors-origins", String.class).orElse(List.of()).stream()
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                config.getValue(LocalSettings.PREFIX + "thumbnail-cache-bytes", Long.class),
                new LocalSettings.SlowUploads(
                        Duration.parse(config.getOptionalValue(LocalSettings.PREFIX + "slow-upload-window", String.class).orElse("PT30S")),
                        config.getOptionalValue(LocalSettings.PREFIX + "slow-upload-min-bytes", Long.class).orElse(32768L)));
    }
}
