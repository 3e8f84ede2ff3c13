package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The ladder as shipped: read from the provider's own META-INF/microprofile-config.properties. */
final class DefaultLadder {

    private DefaultLadder() {
    }

    static Properties shipped() {
        Properties defaults = new Properties();
        try (InputStream in = DefaultLadder.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    static LadderSettings settings() {
        return with(Map.of());
    }

    /** The shipped ladder with some keys (without the prefix) set otherwise; an empty value unsets one. */
    static LadderSettings with(Map<String, String> changes) {
        Properties values = shipped();
        changes.forEach((key, value) -> values.setProperty(LocalSettings.PREFIX + key, value));
        return LadderSettings.read(key -> Optional.ofNullable(values.getProperty(LocalSettings.PREFIX + key))
                .map(String::trim).filter(v -> !v.isEmpty()));
    }
}
