package com.yourbit.video.providers.local;

import java.time.Duration;

/**
 * Queues a job's next delivery: a message on the job queue in the server ({@link MediaJobQueue}),
 * a list in the tests. Throws when it cannot be queued now.
 */
@FunctionalInterface
interface JobSender {

    /** Queues a delivery for {@code subject}, not before {@code delay} has passed. */
    void send(String subject, Duration delay);
}
