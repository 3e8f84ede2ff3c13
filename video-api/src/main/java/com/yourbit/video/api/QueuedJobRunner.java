package com.yourbit.video.api;

/**
 * Capability: a provider whose background jobs (transcoding, for one) are Jakarta Messaging
 * messages on the service's job queue. The provider sends them itself, each with its
 * {@link #KIND} and {@link #SUBJECT} as string properties; the domain's message-driven bean
 * consumes the queue with bounded concurrency and hands every delivery to the provider that
 * {@link #runsJobsOf runs} its kind.
 *
 * <p>A delivery is acknowledged when {@link #runJob} returns and handed back to the queue
 * (redelivered, here or on another node) when it throws or the server dies in the middle; the
 * broker counts the deliveries, so a provider can give up a job that never gets through.
 */
public interface QueuedJobRunner {

    /** The queue, as the server binds it (wildfly-config/messaging.cli, remote-broker.cli). */
    String QUEUE = "java:/jms/queue/VideoMediaJobs";
    /** The server's pooled connection factory: sends join a running transaction, if any. */
    String CONNECTION_FACTORY = "java:/JmsXA";
    /** Message property: which kind of job (e.g. {@code local-media}). */
    String KIND = "kind";
    /** Message property: what the job is about (e.g. an upload id). */
    String SUBJECT = "subject";

    boolean runsJobsOf(String kind);

    /**
     * Runs one delivery of a job; {@code delivery} counts from 1 and grows with each
     * redelivery. Throws to have the message delivered again.
     */
    void runJob(String kind, String subject, int delivery);
}
