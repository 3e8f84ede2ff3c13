package com.yourbit.video.providers.local;

import com.yourbit.video.providers.common.ProviderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@link LocalSettings} from MicroProfile Config on every use (why: {@link ProviderConfig}).
 * What lays out the storage (the file store, media tools, signing key) is built once at start
 * and takes the settings as a bean ({@link #atStart()}): its files stay where they are until a
 * restart.
 */
@ApplicationScoped
public class LocalSettingsReader {

    @Inject
    Config config;

    public LocalSettings current() {
        ProviderConfig map = new ProviderConfig(config, LocalSettings.PREFIX);
        return new LocalSettings(
                URI.create(map.value("public-url")),
                Path.of(map.value("storage-dir")),
                Duration.parse(map.value("upload-timeout")),
                Long.parseLong(map.value("max-size")),
                map.secret(LocalSettings.SIGNING_KEY_SECRET),
                map.optional("ffprobe").orElse("ffprobe"),
                map.optional("ffmpeg").orElse("ffmpeg"),
                Duration.parse(map.optional("sweep-interval").orElse("PT1M")),
                map.optional("cors-origins").map(s -> Arrays.stream(s.split(",")).map(String::trim)
                        .filter(o -> !o.isEmpty()).toList()).orElse(List.of()),
                Long.parseLong(map.value("thumbnail-cache-bytes")),
                new LocalSettings.SlowUploads(
                        Duration.parse(map.optional("slow-upload-window").orElse("PT30S")),
                        Long.parseLong(map.optional("slow-upload-min-bytes").orElse("32768"))),
                Long.parseLong(map.value("animated-cache-bytes")));
    }

    @Produces
    LocalSettings atStart() {
        return current();
    }
}
