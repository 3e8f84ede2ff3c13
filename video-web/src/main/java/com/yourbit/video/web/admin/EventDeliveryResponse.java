package com.yourbit.video.web.admin;

import com.yourbit.video.domain.events.EventDelivery;

import java.time.Instant;
import java.util.Locale;

/**
 * One event's way to one endpoint, as the administrator sees it: what the endpoint last
 * answered ({@code lastStatus}, or {@code lastError} when no answer came) and what comes next.
 */
public record EventDeliveryResponse(String eventId, String type, String videoId, String endpoint, String status,
                                    int attempts, Instant createdAt, Instant lastAttemptAt, Integer lastStatus,
                                    String lastError, Instant nextAttemptAt, Instant deliveredAt) {

    static EventDeliveryResponse of(EventDelivery d) {
        boolean pending = d.getStatus() == EventDelivery.Status.PENDING;
        return new EventDeliveryResponse(d.getEventId(), d.getType(), d.getVideoId(), d.getEndpoint(),
                d.getStatus().name().toLowerCase(Locale.ROOT), d.getAttempts(), d.getCreatedAt(), d.getLastAttemptAt(),
                d.getLastStatus(), d.getLastError(), pending ? d.getNextAttemptAt() : null, d.getDeliveredAt());
    }
}
