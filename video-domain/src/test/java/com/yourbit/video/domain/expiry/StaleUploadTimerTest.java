package com.yourbit.video.domain.expiry;

import com.yourbit.video.domain.OperationsService;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The timer only decides whether to sweep now; the sweep itself is tested elsewhere. */
class StaleUploadTimerTest {

    /** 10:05 UTC: minute 5 of the hour, so every=PT5M fires and every=PT10M does not. */
    private static final Instant AT_MINUTE_5 = Instant.parse("2026-11-24T10:05:00Z");

    private final List<Instant> sweeps = new ArrayList<>();
    private final List<Instant> prunes = new ArrayList<>();

    @Test
    void sweepsEveryMinuteByDefaultAndPrunesOldWebhookReceipts() {
        tick(Map.of(), AT_MINUTE_5);
        assertThat(sweeps).containsExactly(AT_MINUTE_5);
        assertThat(prunes).containsExactly(Instant.parse("2026-11-17T10:05:00Z"));
    }

    @Test
    void disabledByConfigurationItDoesNothing() {
        tick(Map.of("video.expiry.enabled", "false"), AT_MINUTE_5);
        assertThat(sweeps).isEmpty();
        assertThat(prunes).isEmpty();
    }

    @Test
    void aLongerIntervalSkipsTheTicksInBetween() {
        tick(Map.of("video.expiry.every", "PT10M"), AT_MINUTE_5);
        assertThat(sweeps).isEmpty();
        tick(Map.of("video.expiry.every", "PT5M"), AT_MINUTE_5);
        assertThat(sweeps).containsExactly(AT_MINUTE_5);
    }

    private void tick(Map<String, String> properties, Instant now) {
        StaleUploadTimer timer = new StaleUploadTimer();
        timer.config = new MapConfig(properties);
        timer.clock = Clock.fixed(now, ZoneOffset.UTC);
        timer.sweeper = new StaleUploadSweeper() {
            @Override
            public SweepResult sweep(Instant asOf) {
                sweeps.add(asOf);
                return new SweepResult(0, 0, 0, 0);
            }
        };
        timer.operations = new OperationsService() {
            @Override
            public int pruneReceipts(Instant before) {
                prunes.add(before);
                return 0;
            }
        };
        timer.tick(null);
    }

    /** Just enough MicroProfile Config for a map of strings. */
    private record MapConfig(Map<String, String> values) implements Config {

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            String value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            Object converted = type == Boolean.class ? Boolean.valueOf(value)
                    : type == Integer.class ? Integer.valueOf(value) : value;
            return Optional.of(type.cast(converted));
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }
}
