package com.yourbit.video.domain.limits;

import com.yourbit.video.api.VideoId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The transactions of {@link UserLimitGate}, each short and each locking the user's
 * {@link UserQuota} row before it counts. None calls another: a request holds one instance of
 * this bean and one database connection at a time, so a flood of one user's requests
 * waiting for its lock cannot exhaust either pool.
 */
@Stateless
public class UserLimitTransactions {

    @Inject
    UserLimitRepository repository;

    @Inject
    UserLimits limits;

    @Inject
    Clock clock;

    /** Adds the user's row unless it is there. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void addUser(String ownerId) {
        if (!repository.userExists(ownerId)) {
            repository.addUser(ownerId);
        }
    }

    /**
     * Counts and, within the limits, records the creation. A user without a row gets one here,
     * in the same transaction and commit (the new row's insert holds its lock until then): a
     * commit fewer on a new user's first creation. Another request adding the same user at the
     * same moment fails on the key, and its caller tries once more.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reserve(String ownerId, VideoId videoId) {
        if (!repository.lockUser(ownerId)) {
            repository.addUser(ownerId);
        }
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
    public void release(VideoId videoId) {
        repository.settleCreation(videoId);
    }

    /**
     * Part of storing a new video (the caller's transaction): under the user's lock, so that a
     * concurrent count sees either the grant or the video, never neither.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void settle(String ownerId, VideoId videoId) {
        lock(ownerId);
        repository.settleCreation(videoId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> ownerOfWaitingUpload(VideoId videoId) {
        return repository.ownerOfWaitingUpload(videoId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void declare(String ownerId, VideoId videoId, long length) {
        lock(ownerId);
        limits.checkDeclaredBytes(repository.declaredBytes(ownerId, videoId), length);
        repository.setDeclared(videoId, length);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordDeclared(VideoId videoId, Long length) {
        repository.setDeclared(videoId, length);
    }

    private void lock(String ownerId) {
        if (!repository.lockUser(ownerId)) {
            throw new IllegalStateException("a user without its limits row");
        }
    }
}
