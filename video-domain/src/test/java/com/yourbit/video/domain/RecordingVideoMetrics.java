package com.yourbit.video.domain;

import com.yourbit.video.api.ProviderName;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Metrics for unit tests: runs provider calls, and records transitions and sweeps as text. */
public final class RecordingVideoMetrics implements VideoMetrics {

    private final List<String> recorded = new ArrayList<>();

    /** e.g. {@code "mux preparing->expired x1"}, {@code "sweep ADMIN expired=1 recovered=0"}. */
    public List<String> recorded() {
        return recorded;
    }

    @Override
    public void uploadCreated(ProviderName provider) {
    }

    @Override
    public void webhookReceipt(String provider, String outcome) {
    }

    @Override
    public void statusChanged(ProviderName provider, VideoStatus from, VideoStatus to, int videos) {
        recorded.add(provider.value() + " " + from.wireName() + "->" + to.wireName() + " x" + videos);
    }

    @Override
    public void sweepFinished(SweepTrigger trigger, int expired, int recovered) {
        recorded.add("sweep " + trigger + " expired=" + expired + " recovered=" + recovered);
    }

    @Override
    public <T> T providerCall(ProviderName provider, String operation, Supplier<T> call) {
        return call.get();
    }
}
