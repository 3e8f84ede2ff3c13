package com.yourbit.video.domain.events;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The deliveries' state in the database, each step in its own short transaction: claiming due
 * deliveries by lease, recording an attempt's answer, pruning, and the administrator's view.
 * No transaction is open while an event is on the wire.
 */
@Stateless
public class DeliveryLedger {

    /** A claimed delivery with what sending it takes. */
    public record Claimed(String deliveryId, String eventId, URI endpoint, String body) {
    }

    /** What an attempt got: an HTTP status, or none ({@code null}) and what went wrong. */
    public record Attempt(Integer status, Duration retryAfter, String error) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @PersistenceContext(unitName = "video")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Takes up to {@code limit} due deliveries for {@code node}: for each video and endpoint only
     * the earliest pending one (order per video), none of an endpoint that is suspended (except
     * one probe once its suspension ends) or no longer configured. A lease is taken with one
     * conditional update, so a delivery another node took first is skipped, not sent twice.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Claimed> claim(String node, NotifySettings settings, int limit) {
        Instant now = clock.instant();
        List<EventDelivery> due = em.createQuery("select d from EventDelivery d where d.status = :pending"
                        + " and d.nextAttemptAt <= :now and (d.claimedUntil is null or d.claimedUntil < :now)"
                        + " and not exists (select e from EventDelivery e where e.videoId = d.videoId"
                        + " and e.endpoint = d.endpoint and e.status = :pending and e.seq < d.seq)"
                        + " order by d.nextAttemptAt", EventDelivery.class)
                .setParameter("pending", EventDelivery.Status.PENDING)
                .setParameter("now", now)
                .setMaxResults(limit * 4)
                .getResultList();
        Set<String> configured = new HashSet<>();
        settings.endpoints().forEach(u -> configured.add(u.toString()));
        Set<String> probed = new HashSet<>();
        List<Claimed> claimed = new ArrayList<>();
        for (EventDelivery delivery : due) {
            if (claimed.size() >= limit) {
                break;
            }
            if (!configured.contains(delivery.getEndpoint())) {
                delivery.cancel("the endpoint is no longer configured");
                continue;
            }
            NotifyEndpoint endpoint = em.find(NotifyEndpoint.class, delivery.getEndpoint());
            if (endpoint != null && endpoint.getSuspendedUntil() != null) {
                if (endpoint.isSuspended(now) || !probed.add(endpoint.getUrl())) {
                    delivery.postpone(endpoint.isSuspended(now) ? endpoint.getSuspendedUntil() : now.plus(settings.probeEvery()));
                    continue;
                }
                // This one probes the endpoint; the next ones wait for its answer.
                endpoint.failed(now, settings.suspendAfter(), settings.probeEvery());
            }
            int taken = em.createQuery("update EventDelivery d set d.claimedBy = :node, d.claimedUntil = :until"
                            + " where d.id = :id and d.status = :pending and (d.claimedUntil is null or d.claimedUntil < :now)")
                    .setParameter("node", node)
                    .setParameter("until", now.plus(settings.lease()))
                    .setParameter("id", delivery.getId())
                    .setParameter("pending", EventDelivery.Status.PENDING)
                    .setParameter("now", now)
                    .executeUpdate();
            if (taken == 1) {
                VideoEvent event = em.find(VideoEvent.class, delivery.getEventId());
                claimed.add(new Claimed(delivery.getId(), event.getId(), URI.create(delivery.getEndpoint()), event.getBody()));
            }
        }
        return claimed;
    }

    /**
     * Records an attempt's answer: delivered, another attempt later, or failed for good. Only
     * the delivery's row is written (its claimer is the only writer), so nothing another node
     * does makes this fail; the endpoint's health is noted apart ({@link #noteEndpoint}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String deliveryId, Attempt attempt, NotifySettings settings) {
        EventDelivery delivery = em.find(EventDelivery.class, deliveryId);
        if (delivery == null || delivery.getStatus() != EventDelivery.Status.PENDING) {
            return;
        }
        Instant now = clock.instant();
        if (attempt.succeeded()) {
            delivery.delivered(attempt.status(), now);
            return;
        }
        RetryPlan plan = new RetryPlan(settings.retrySchedule(), settings.giveUpAfter(), ThreadLocalRandom.current()::nextDouble);
        delivery.attemptFailed(attempt.status(), attempt.error(), now,
                plan.next(delivery.getAttempts() + 1, delivery.getCreatedAt(), now, attempt.retryAfter()));
    }

    /** Notes how an endpoint answered, for its suspension; advisory, in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noteEndpoint(URI url, boolean succeeded, NotifySettings settings) {
        Instant now = clock.instant();
        NotifyEndpoint endpoint = em.find(NotifyEndpoint.class, url.toString());
        if (endpoint == null) {
            if (succeeded) {
                return; // nothing to remember of a healthy endpoint
            }
            endpoint = new NotifyEndpoint(url.toString());
            em.persist(endpoint);
        }
        if (succeeded) {
            endpoint.succeeded(now);
        } else {
            endpoint.failed(now, settings.suspendAfter(), settings.probeEvery());
        }
    }

    /** Removes what is done and older than the retention: finished deliveries, then events none waits for. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int prune(Duration retention) {
        Instant before = clock.instant().minus(retention);
        int deliveries = em.createQuery("delete from EventDelivery d where d.status <> :pending and d.createdAt < :before")
                .setParameter("pending", EventDelivery.Status.PENDING)
                .setParameter("before", before)
                .executeUpdate();
        int events = em.createQuery("delete from VideoEvent v where v.occurredAt < :before and not exists"
                        + " (select d from EventDelivery d where d.eventId = v.id)")
                .setParameter("before", before)
                .executeUpdate();
        return deliveries + events;
    }

    /** The latest deliveries, newest first, optionally of one status, for the administrator. */
    public List<EventDelivery> recent(EventDelivery.Status status, int limit) {
        String where = status == null ? "" : " where d.status = :status";
        var query = em.createQuery("select d from EventDelivery d" + where + " order by d.createdAt desc, d.id desc",
                EventDelivery.class).setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.getResultList();
    }

    public Optional<VideoEvent> event(String eventId) {
        return Optional.ofNullable(em.find(VideoEvent.class, eventId));
    }

    /**
     * Sends an event again to every endpoint it was for (an administrator's request): its
     * deliveries start over; false when there is no such event.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean redeliver(String eventId) {
        List<EventDelivery> deliveries = em.createQuery("select d from EventDelivery d where d.eventId = :id",
                EventDelivery.class).setParameter("id", eventId).getResultList();
        Instant now = clock.instant();
        deliveries.forEach(d -> d.redeliver(now));
        return !deliveries.isEmpty();
    }

    /**
     * The events of these videos that happened at or after {@code since}, in order per video,
     * for live feeds (which keep each video's last {@code seq} and skip what they sent).
     */
    public List<VideoEvent> eventsSince(java.util.Collection<String> videoIds, Instant since, int limit) {
        if (videoIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select v from VideoEvent v where v.videoId in :videos and v.occurredAt >= :since"
                        + " order by v.videoId, v.seq", VideoEvent.class)
                .setParameter("videos", videoIds)
                .setParameter("since", since)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The events of one video after {@code afterSeq}, in order, for live feeds. */
    public List<VideoEvent> eventsOf(String videoId, long afterSeq, int limit) {
        return em.createQuery("select v from VideoEvent v where v.videoId = :video and v.seq > :after order by v.seq",
                        VideoEvent.class)
                .setParameter("video", videoId)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .getResultList();
    }
}
