package com.yourbit.video.providers.local;

import com.yourbit.video.api.QueuedJobRunner;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

/**
 * Sends the local provider's media jobs to the job queue ({@link QueuedJobRunner#QUEUE}): a
 * durable queue of the server's embedded broker, or of a broker the nodes share
 * (wildfly-config/messaging.cli, remote-broker.cli). The messages are persistent and carry only
 * the job's kind and upload id; what a job has done so far is in its job file.
 *
 * <p>The pooled connection factory joins a running transaction: a job queued by a request
 * whose transaction rolls back is not sent (its job file is, and the next start sends it).
 */
@ApplicationScoped
public class MediaJobQueue {

    /** Probe, first rendition, then the ladder ({@link MediaPipeline}). */
    static final String MEDIA = "local-media";
    /** The MP4 download and the storyboard ({@link MediaExtras}). */
    static final String EXTRAS = "local-extras";

    @Resource(lookup = QueuedJobRunner.CONNECTION_FACTORY)
    ConnectionFactory connections;

    @Resource(lookup = QueuedJobRunner.QUEUE)
    Queue queue;

    /** Sends jobs of one kind. */
    JobSender sender(String kind) {
        return (subject, delay) -> {
            try (JMSContext context = connections.createContext()) {
                JMSProducer producer = context.createProducer()
                        .setProperty(QueuedJobRunner.KIND, kind)
                        .setProperty(QueuedJobRunner.SUBJECT, subject);
                if (!delay.isZero()) {
                    producer.setDeliveryDelay(delay.toMillis());
                }
                producer.send(queue, context.createMessage());
            }
        };
    }
}
