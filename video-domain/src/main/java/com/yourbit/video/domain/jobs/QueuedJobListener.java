package com.yourbit.video.domain.jobs;

import com.yourbit.video.api.QueuedJobRunner;
import com.yourbit.video.api.VideoProvider;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.logging.Logger;

/**
 * Consumes the job queue ({@link QueuedJobRunner#QUEUE}) and hands each delivery to the
 * provider that runs its kind.
 *
 * <p>Concurrency is bounded by {@code maxSession}: {@code video.media-jobs.concurrency}
 * sessions per node (default 1, one ffmpeg at a time, as the executor before it), read when
 * the application is deployed (annotation property replacement, wildfly-config/messaging.cli).
 * A consumer window of 0 makes a session take a message only when it is free, so messages wait
 * on the broker, where an idle node (in a cluster) takes them, not in a busy node's buffer.
 *
 * <p>No JTA transaction: a job runs ffmpeg for minutes, far beyond any transaction timeout,
 * and its status changes each commit in a transaction of their own (the domain's). The
 * message is acknowledged when the job returns; a node killed in the middle never
 * acknowledges it, so the broker delivers it again; a job that throws is delivered again after
 * the queue's redelivery delay, and the broker counts the deliveries
 * ({@code JMSXDeliveryCount}) that the provider uses to give up.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = QueuedJobRunner.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${video.media-jobs.concurrency:1}"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueuedJobListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(QueuedJobListener.class.getName());

    @Inject
    @Any
    Instance<VideoProvider> providers;

    @Override
    public void onMessage(Message message) {
        String kind;
        String subject;
        int delivery;
        try {
            kind = message.getStringProperty(QueuedJobRunner.KIND);
            subject = message.getStringProperty(QueuedJobRunner.SUBJECT);
            delivery = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            throw new IllegalStateException("a job message could not be read", e);
        }
        if (kind == null || subject == null) {
            // Nothing will ever run it: acknowledged, not redelivered.
            LOG.warning(() -> "a job message without kind or subject was dropped");
            return;
        }
        for (VideoProvider provider : providers) {
            if (provider instanceof QueuedJobRunner runner && runner.runsJobsOf(kind)) {
                runner.runJob(kind, subject, delivery);
                return;
            }
        }
        LOG.warning(() -> "no provider runs jobs of kind " + kind + "; the job for " + subject + " was dropped");
    }
}
