package com.yourbit.video.domain.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * How one configured endpoint has been answering. One that has failed without a single success
 * for longer than {@code video.notify.suspend-after} is marked {@code suspendedUntil}: its
 * deliveries wait, and one of them probes it at that time; a success ends the suspension.
 * Advisory: nodes update it without a version check (the last word wins), so that recording an
 * endpoint's health never makes a delivery's own record fail.
 */
@Entity
@Table(name = "notify_endpoint")
public class NotifyEndpoint {

    /** The endpoint URL itself (at most 2000 characters, as configuration allows). */
    @Id
    @Column(length = 2000)
    private String url;

    @Column(name = "failing_since")
    private Instant failingSince;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    @Column(name = "suspended_until")
    private Instant suspendedUntil;

    protected NotifyEndpoint() {
        // for JPA
    }

    NotifyEndpoint(String url) {
        this.url = url;
    }

    public String getUrl() { return url; }
    public Instant getFailingSince() { return failingSince; }
    public Instant getLastSuccessAt() { return lastSuccessAt; }
    public Instant getSuspendedUntil() { return suspendedUntil; }

    public boolean isSuspended(Instant now) {
        return suspendedUntil != null && now.isBefore(suspendedUntil);
    }

    void succeeded(Instant at) {
        failingSince = null;
        suspendedUntil = null;
        lastSuccessAt = at;
    }

    /** A failure; past {@code suspendAfter} of failing, the endpoint is left alone until {@code at + probeEvery}. */
    void failed(Instant at, java.time.Duration suspendAfter, java.time.Duration probeEvery) {
        if (failingSince == null) {
            failingSince = at;
        }
        if (!at.isBefore(failingSince.plus(suspendAfter))) {
            suspendedUntil = at.plus(probeEvery);
        }
    }
}
