package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ingest.IngestUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Logger;

/**
 * The settings of ingest from a URL, read on every use (a change applies without a restart):
 * {@code video.ingest.allowed-hosts} (comma-separated {@code host[:port]} exempt from the address
 * checks; empty by default) and {@code video.ingest.timeout} (how long a video may stay
 * {@code preparing} while its provider fetches the file; {@code PT6H} by default). A malformed
 * value is logged and the safe default used: no host exempt, six hours.
 */
@ApplicationScoped
public class IngestSettings {

    static final String ALLOWED_HOSTS = IngestUrlPolicy.ALLOWED_HOSTS_KEY;
    static final String TIMEOUT = "video.ingest.timeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);
    private static final Logger LOG = Logger.getLogger(IngestSettings.class.getName());

    @Inject
    Config config;

    public IngestUrlPolicy policy() {
        return IngestUrlPolicy.configured(config.getOptionalValue(ALLOWED_HOSTS, String.class).orElse(""));
    }

    public Duration timeout() {
        String value = config.getOptionalValue(TIMEOUT, String.class).orElse(null);
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Duration timeout = Duration.parse(value);
            if (!timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
        } catch (DateTimeParseException e) {
            // logged below
        }
        LOG.warning(() -> TIMEOUT + " is not a positive ISO-8601 duration; " + DEFAULT_TIMEOUT + " applies");
        return DEFAULT_TIMEOUT;
    }
}
