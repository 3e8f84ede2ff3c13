package com.yourbit.video.providers.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;

/** Produces the providers' {@link ProviderClock}; one place to replace it. */
@ApplicationScoped
public class ProviderClockProducer {

    @Produces
    @ProviderClock
    Clock clock() {
        // Millisecond precision, as the domain's clock: upload deadlines a provider computes are
        // stored, and values read back must equal the values written.
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
