package com.yourbit.video.domain.events;

import com.yourbit.video.domain.Video;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Writes a video's events in the caller's transaction, with one delivery per configured
 * endpoint: they commit or roll back with the change itself. After a commit the dispatcher and
 * the live feeds are woken, so an event leaves at once rather than at the next poll.
 */
@ApplicationScoped
public class EventOutbox {

    /** Looked up once: {@code Json.create*} scans the modules for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(EventOutbox.class.getName());

    @PersistenceContext(unitName = "video")
    EntityManager em;

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    EventSignals signals;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /**
     * The event of a change just made to {@code video}, in the caller's transaction.
     *
     * @param seq the video's version after the change (its events' order)
     */
    public VideoEvent record(Video video, String type, long seq) {
        return record(video, type, seq, VideoDocument.of(video));
    }

    /**
     * The event of a change to one of the video's captions: {@code data} is the video's document
     * with the caption ({@code {"lang","label","status"}}) under {@code caption}.
     */
    public VideoEvent recordCaption(Video video, String type, long seq, JsonObject caption) {
        return record(video, type, seq, JSON.createObjectBuilder(VideoDocument.of(video)).add("caption", caption).build());
    }

    private VideoEvent record(Video video, String type, long seq, JsonObject data) {
        Instant now = clock.instant();
        String body = JSON.createObjectBuilder()
                .add("type", type)
                .add("timestamp", now.toString())
                .add("data", data)
                .build().toString();
        VideoEvent event = new VideoEvent("msg_" + UUID.randomUUID().toString().replace("-", ""), video.getId(),
                video.getOwnerId(), seq, type, now, body);
        em.persist(event);
        for (URI endpoint : endpoints()) {
            em.persist(new EventDelivery(UUID.randomUUID().toString(), event, endpoint.toString(), now));
        }
        wakeAfterCommit();
        return event;
    }

    private List<URI> endpoints() {
        try {
            return NotifySettings.from(config).endpoints();
        } catch (IllegalArgumentException e) {
            // The change must not fail for a typo in the notification settings; the dispatcher says it loudly.
            LOG.warning(() -> "events are not sent: " + e.getMessage());
            return List.of();
        }
    }

    private void wakeAfterCommit() {
        if (transactions.getTransactionKey() == null || transactions.getResource(EventOutbox.class) != null) {
            return;
        }
        transactions.putResource(EventOutbox.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signals.committed();
                }
            }
        });
    }
}
