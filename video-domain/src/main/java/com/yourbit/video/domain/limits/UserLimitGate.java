package com.yourbit.video.domain.limits;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Enforces {@link UserLimits}: each decision is one short transaction that first locks the
 * user's {@link UserQuota} row, then counts and records. Concurrent requests of one user
 * (on any node) therefore decide one after the other, and the last slot goes to exactly one.
 * Other users never wait for each other.
 */
@Stateless
public class UserLimitGate {

    private static final Logger LOG = Logger.getLogger(UserLimitGate.class.getName());
    private static final Object[] FIRST_USE = new Object[64];

    static {
        for (int i = 0; i < FIRST_USE.length; i++) {
            FIRST_USE[i] = new Object();
        }
    }

    @Inject
    UserLimitRepository repository;

    @Inject
    UserLimits limits;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /**
     * Grants the user one more video (id {@code videoId}) or throws
     * {@link LimitExceededException}. Called before the provider is asked for an upload, so a
     * refusal leaves nothing anywhere; the grant holds a pending slot until
     * {@link #settle} (the video is stored in the same transaction) or {@link #release}.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void reserveCreation(String ownerId, String videoId) {
        ensureUser(ownerId);
        self().reserveLocked(ownerId, videoId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reserveLocked(String ownerId, String videoId) {
        lock(ownerId);
        Instant now = clock.instant();
        Instant windowStart = now.minus(UserLimits.WINDOW);
        Instant inFlightSince = now.minus(UserLimits.IN_FLIGHT_LIFETIME);
        repository.pruneCreations(ownerId, windowStart, inFlightSince);
        limits.checkCreation(repository.pending(ownerId, inFlightSince),
                repository.creationsSince(ownerId, windowStart, limits.creationsPerMinute()), now);
        repository.addCreation(new VideoCreation(videoId, ownerId, now));
    }

    /** The provider refused or failed: the grant gives its pending slot back but still counts per minute. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(String videoId) {
        repository.settleCreation(videoId);
    }

    /**
     * Part of storing a new video (the caller's transaction): under the user's lock, so that a
     * concurrent count sees either the grant or the video, never neither.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void settle(String ownerId, String videoId) {
        lock(ownerId);
        repository.settleCreation(videoId);
    }

    /**
     * A local upload of the video declares {@code length} bytes (tus creation, a PUT's total):
     * recorded when the user's unfinished uploads stay within the limit with it, else
     * {@link LimitExceededException} and nothing recorded. Declaring again replaces the video's
     * own earlier declaration. Nothing for a video no longer waiting for its upload.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void declareUpload(String videoId, long length) {
        Optional<String> owner = self().ownerOfWaitingUpload(videoId);
        if (owner.isPresent()) {
            ensureUser(owner.get());
            self().declareLocked(owner.get(), videoId, length);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void declareLocked(String ownerId, String videoId, long length) {
        lock(ownerId);
        limits.checkDeclaredBytes(repository.declaredBytes(ownerId, videoId), length);
        repository.setDeclared(videoId, length);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> ownerOfWaitingUpload(String videoId) {
        return repository.ownerOfWaitingUpload(videoId);
    }

    /**
     * Records what the upload store actually holds for the video ({@code null}: no upload),
     * without a check: after a termination, or when the store kept an earlier creation's size.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordDeclared(String videoId, Long length) {
        repository.setDeclared(videoId, length);
    }

    /**
     * Creates the user's row on first use, each step in a transaction of its own and none
     * while another is open: a request never holds two database connections (a flood of
     * them would empty the pool). On this node, first uses of one user take turns (so they do
     * not all fail on the key); another node's may still create the row first.
     */
    private void ensureUser(String ownerId) {
        if (self().userExists(ownerId)) {
            return;
        }
        synchronized (FIRST_USE[Math.floorMod(ownerId.hashCode(), FIRST_USE.length)]) {
            if (self().userExists(ownerId)) {
                return;
            }
            try {
                self().addUser(ownerId);
            } catch (EJBException e) {
                LOG.fine(() -> "another node added the limits row of a user first: " + e.getMessage());
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean userExists(String ownerId) {
        return repository.userExists(ownerId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void addUser(String ownerId) {
        if (!repository.userExists(ownerId)) {
            repository.addUser(ownerId);
        }
    }

    private void lock(String ownerId) {
        if (!repository.lockUser(ownerId)) {
            throw new IllegalStateException("a user without its limits row");
        }
    }

    private UserLimitGate self() {
        return context.getBusinessObject(UserLimitGate.class);
    }
}
