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

    @Override
    public void uploadCreated(ProviderName provider) {
        registry.counter(UPLOADS_CREATED, Tags.of("provider", provider.value())).increment();
    }

    /**
     * The webhook counters looked up once each: {@code registry.counter} searches the registry
     * on every call, a tenth of a webhook's time. Few keys: providers with a webhook endpoint
     * times the fixed outcomes.
     */
    private final Map<String, Counter> webhookCounters = new ConcurrentHashMap<>();

    @Override
    public void webhookReceipt(String provider, String outcome) {
        webhookCounters.computeIfAbsent(provider + "\n" + outcome, k -> registry.counter(WEBHOOKS,
                Tags.of("provider", provider, "result", result(outcome), "outcome", outcome))).increment();
    }

    @Override
    public void statusChanged(ProviderName provider, VideoStatus from, VideoStatus to, int videos) {
        registry.counter(TRANSITIONS, Tags.of("provider", provider.value(), "from", from.wireName(), "to", to.wireName()))
                .increment(videos);
    }

    @Override
    public void sweepFinished(SweepTrigger trigger, int expired, int recovered) {
        Tags tags = Tags.of("trigger", trigger.name().toLowerCase(Locale.ROOT));
        registry.counter(SWEEP_RUNS, tags).increment();
        registry.counter(SWEEP_EXPIRED, tags).increment(expired);
        registry.counter(SWEEP_RECOVERED, tags).increment(recovered);
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
            Timer timer = registry.timer(PROVIDER_CALLS, Tags.of("provider", provider.value(), "operation", operation,
                    "outcome", outcome));
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The three results an operator watches; the receipt's own outcome stays a second tag. */
    static String result(String outcome) {
        return switch (outcome) {
            case "rejected", "duplicate" -> outcome;
            default -> "accepted";
        };
    }
}
