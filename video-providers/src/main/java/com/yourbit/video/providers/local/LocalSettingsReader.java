package com.yourbit.video.providers.local;

import com.yourbit.video.api.ingest.IngestUrlPolicy;
import com.yourbit.video.providers.common.ProviderConfig;
import com.yourbit.video.providers.local.objects.S3Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link LocalSettings} from MicroProfile Config on every use (why: {@link ProviderConfig}).
 * What lays out the storage (the file store, media tools, signing key) is built once at start
 * and takes the settings as a bean ({@link #atStart()}): its files stay where they are until a
 * restart.
 */
@ApplicationScoped
public class LocalSettingsReader {

    static final String ALLOWED_HOSTS = IngestUrlPolicy.ALLOWED_HOSTS_KEY;

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
                Long.parseLong(map.value("animated-cache-bytes")),
                storage(map),
                Long.parseLong(map.value("original-cache-bytes")));
    }

    /**
     * {@code storage}: {@code fs} keeps everything under {@code storage-dir}; {@code s3} keeps
     * uploads and media in a bucket ({@code s3.*}), and {@code storage-dir} holds only this
     * node's caches and scratch files.
     *
     * @throws IllegalArgumentException naming the wrong key
     */
    static Optional<S3Settings> storage(ProviderConfig map) {
        String storage = map.value("storage");
        return switch (storage) {
            case "fs" -> Optional.empty();
            case "s3" -> Optional.of(S3Settings.read(LocalSettings.PREFIX + "s3.", key -> map.optional("s3." + key)));
            default -> throw new IllegalArgumentException(LocalSettings.PREFIX + "storage must be fs or s3");
        };
    }

    /**
     * The ladder, read apart from the rest: a wrong value in it stops media jobs (they wait
     * until it is fixed), not uploads.
     *
     * @throws IllegalArgumentException naming the wrong key
     */
    public LadderSettings ladder() {
        return LadderSettings.read(new ProviderConfig(config, LocalSettings.PREFIX)::optional);
    }

    /**
     * The ingest policy ({@code video.ingest.allowed-hosts}), read on every use like the other
     * settings. A malformed list is logged and ignored: no host is then exempt from the checks.
     */
    public IngestUrlPolicy ingestPolicy() {
        return IngestUrlPolicy.configured(config.getOptionalValue(ALLOWED_HOSTS, String.class).orElse(""));
    }

    /** How long a download from a URL may take before its upload expires ({@code video.ingest.timeout}). */
    public Duration ingestTimeout() {
        return Duration.parse(config.getOptionalValue("video.ingest.timeout", String.class).orElse("PT6H"));
    }

    @Produces
    LocalSettings atStart() {
        return current();
    }
}
