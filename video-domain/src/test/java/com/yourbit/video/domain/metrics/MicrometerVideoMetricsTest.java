package com.yourbit.video.domain.metrics;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicrometerVideoMetricsTest {

    private static final ProviderName MUX = ProviderName.of("mux");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerVideoMetrics metrics = new MicrometerVideoMetrics();

    {
        metrics.registry = registry;
    }

    @Test
    void webhookOutcomesFoldIntoAcceptedDuplicateAndRejected() {
        for (String outcome : new String[] {"applied", "unchanged", "stale", "unknown_video", "ignored", "duplicate", "rejected"}) {
            metrics.webhookReceipt("mux", outcome);
        }
        assertThat(registry.get("yourbit.webhooks").tag("result", "accepted").counters()).hasSize(5);
        assertThat(registry.get("yourbit.webhooks").tag("result", "duplicate").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("yourbit.webhooks").tag("result", "rejected").tag("outcome", "rejected").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void transitionsAreTaggedWithTheApiStatusNames() {
        metrics.statusChanged(MUX, VideoStatus.PREPARING, VideoStatus.READY);
        metrics.statusChanged(MUX, VideoStatus.PREPARING, VideoStatus.READY);
        assertThat(registry.get("yourbit.video.transitions").tags("provider", "mux", "from", "preparing", "to", "ready")
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void aBulkExpiryCountsEveryVideoItChanged() {
        metrics.statusChanged(MUX, VideoStatus.PREPARING, VideoStatus.EXPIRED, 1000);
        metrics.statusChanged(MUX, VideoStatus.PREPARING, VideoStatus.EXPIRED);
        assertThat(registry.get("yourbit.video.transitions").tags("provider", "mux", "from", "preparing", "to", "expired")
                .counter().count()).isEqualTo(1001.0);
    }

    @Test
    void aSweepCountsItsRunAndWhatItDidByTrigger() {
        metrics.sweepFinished(VideoMetrics.SweepTrigger.ADMIN, 3, 1);
        metrics.sweepFinished(VideoMetrics.SweepTrigger.TIMER, 0, 0);
        assertThat(registry.get("yourbit.sweep.runs").tag("trigger", "admin").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("yourbit.sweep.expired").tag("trigger", "admin").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("yourbit.sweep.recovered").tag("trigger", "admin").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("yourbit.sweep.runs").tag("trigger", "timer").counter().count()).isEqualTo(1.0);
    }

    @Test
    void providerCallsAreTimedAsSuccessOrErrorAndFailuresStillPropagate() {
        assertThat(metrics.providerCall(MUX, "create-upload", () -> "upload")).isEqualTo("upload");
        metrics.providerCall(MUX, "dispose", () -> { });
        assertThatThrownBy(() -> metrics.providerCall(MUX, "create-upload", () -> {
            throw new ProviderUnavailableException("down", true, null, null);
        })).isInstanceOf(ProviderUnavailableException.class);

        assertThat(registry.get("yourbit.provider.calls").tags("operation", "create-upload", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("yourbit.provider.calls").tags("operation", "create-upload", "outcome", "error")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("yourbit.provider.calls").tags("operation", "dispose", "outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    /** WildFly's registry searches all its meters on each lookup: a hot path must not look up per call. */
    @Test
    void eachMeterIsLookedUpOnceAndKeepsCounting() {
        int[] lookups = new int[1];
        metrics.registry = new SimpleMeterRegistry() {
            @Override
            public Counter counter(String name, Iterable<Tag> tags) {
                lookups[0]++;
                return super.counter(name, tags);
            }

            @Override
            public Timer timer(String name, Iterable<Tag> tags) {
                lookups[0]++;
                return super.timer(name, tags);
            }
        };
        for (int i = 0; i < 100; i++) {
            metrics.uploadCreated(MUX);
            metrics.providerCall(MUX, "create-upload", () -> "upload");
            metrics.webhookReceipt("mux", "applied");
            metrics.statusChanged(MUX, VideoStatus.PREPARING, VideoStatus.READY);
        }
        metrics.webhookReceipt("mux", "duplicate");

        assertThat(lookups[0]).isEqualTo(5);
        assertThat(metrics.registry.get("yourbit.uploads").counter().count()).isEqualTo(100.0);
        assertThat(metrics.registry.get("yourbit.provider.calls").timer().count()).isEqualTo(100);
        assertThat(metrics.registry.get("yourbit.webhooks").tag("outcome", "applied").counter().count()).isEqualTo(100.0);
        assertThat(metrics.registry.get("yourbit.webhooks").tag("outcome", "duplicate").counter().count()).isEqualTo(1.0);
        assertThat(metrics.registry.get("yourbit.video.transitions").counter().count()).isEqualTo(100.0);
    }
}
