package com.yourbit.video.api;

import java.util.function.Consumer;

/**
 * Capability: a provider that learns about its videos by itself (its own background jobs,
 * a sweep of stale uploads) instead of through webhooks. At start the domain connects the
 * method that applies updates; from then on the provider reports through it and resumes
 * work that was pending when the server stopped. The consumer may throw when the update
 * cannot be applied now; the provider then reports it again later.
 */
public interface UpdateReporter {

    void connect(Consumer<ProviderUpdate> applyUpdate);
}
