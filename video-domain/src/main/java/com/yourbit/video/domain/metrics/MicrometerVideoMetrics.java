package com.yourbit.video.domain.metrics;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link VideoMetrics} on the {@link MeterRegistry} WildFly's micrometer subsystem gives the
 * deployment; its Prometheus registry serves them on the management interface ({@code /metrics}).
 *
 * <p>Meters are registered with {@code registry.counter(name, tags)} / {@code timer(name, tags)}
 * only: WildFly 39's per-deployment registry forwards these to the server's registries, but
 * meters built with {@code Counter.builder(...).register(registry)} stay in a private registry
 * that nothing exports.
 */
@ApplicationScoped
public class MicrometerVideoMetrics implements VideoMetrics {

    // Not "yourbit.uploads.created": Prometheus reserves the _created suffix and drops it.
    static final String UPLOADS_CREATED = "yourbit.uploads";
    static final String WEBHOOKS = "yourbit.webhooks";
    static final String TRANSITIONS = "yourbit.video.transitions";
    static final String SWEEP_RUNS = "yourbit.sweep.runs";
    static final String SWEEP_EXPIRED = "yourbit.sweep.expired";
    static final String SWEEP_RECOVERED = "yourbit.sweep.recovered";
    static final String PROVIDER_CALLS = "yourbit.provider.calls";

    @Inject
    MeterRegistry registry;

    /**
     * Every meter looked up once: {@code registry.counter} and {@code registry.timer} search the
     * registry on every call (WildFly's registry streams over all its meters), a tenth of a
     * webhook's time and more than a creation's own metrics need. Few keys: providers times
     * operations, outcomes and statuses, all fixed sets.
     */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void uploadCreated(ProviderName provider) {
        counter(UPLOADS_CREATED, "provider", provider.value()).increment();
    }

    @Override
    public void webhookReceipt(String provider, String outcome) {
        counter(WEBHOOKS, "provider", provider, "result", result(outcome), "outcome", outcome).increment();
    }

    @Override
    public void statusChanged(ProviderName provider, VideoStatus from, VideoStatus to, int videos) {
        counter(TRANSITIONS, "provider", provider.value(), "from", from.wireName(), "to", to.wireName()).increment(videos);
    }

    @Override
    public void sweepFinished(SweepTrigger trigger, int expired, int recovered) {
        String name = trigger.name().toLowerCase(Locale.ROOT);
        counter(SWEEP_RUNS, "trigger", name).increment();
        counter(SWEEP_EXPIRED, "trigger", name).increment(expired);
        counter(SWEEP_RECOVERED, "trigger", name).increment(recovered);
    }

    @Override
    public <T> T providerCall(ProviderName provider, String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T answer = call.get();
            outcome = "success";
            return answer;
        } finally {
            timer(PROVIDER_CALLS, "provider", provider.value(), "operation", operation, "outcome", outcome)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> registry.counter(name, Tags.of(tags)));
    }

    private Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> registry.timer(name, Tags.of(tags)));
    }

    /** Name and tags joined by a character none of them holds (tag values are fixed words). */
    private static String key(String name, String... tags) {
        return name + '\n' + String.join("\n", tags);
    }

    /** The three results an operator watches; the receipt's own outcome stays a second tag. */
    static String result(String outcome) {
        return switch (outcome) {
            case "rejected", "duplicate" -> outcome;
            default -> "accepted";
        };
    }
}
