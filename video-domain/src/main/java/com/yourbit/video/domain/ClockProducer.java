package com.yourbit.video.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;

/** The time source; one place to replace it. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    Clock clock() {
        // Millisecond precision: what every supported database stores exactly, so values read
        // back equal the values written (cursors compare them).
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
