package com.yourbit.video.domain.limits;

import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.util.LruCache;
import com.yourbit.video.api.util.StripedLocks;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Enforces {@link UserLimits}. Each decision is one short transaction
 * ({@link UserLimitTransactions}) that first locks the user's {@link UserQuota} row, then
 * counts and records: concurrent requests of one user (on any node) decide one after the
 * other, and the last slot goes to exactly one. Other users never wait for each other.
 * Call it outside a transaction.
 */
@ApplicationScoped
public class UserLimitGate {

    private static final Logger LOG = Logger.getLogger(UserLimitGate.class.getName());
    /** Users whose row this node has seen; rows are never deleted, so one seen stays there. */
    static final int KNOWN_USERS = 20_000;
    private final StripedLocks firstUse = new StripedLocks(64);
    private final LruCache<String, Boolean> knownUsers = new LruCache<>(KNOWN_USERS);

    @Inject
    UserLimitTransactions transactions;

    /**
     * Grants the user one more video (id {@code videoId}) or throws
     * {@link LimitExceededException}. Called before the provider is asked for an upload, so a
     * refusal leaves nothing anywhere; the grant holds a pending slot until the video is
     * stored ({@link UserLimitTransactions#settle}, same transaction) or {@link #release}.
     */
    public void reserveCreation(String ownerId, VideoId videoId) {
        // A creation's database work is what it adds over the provider's own latency: a known
        // user's is one transaction, and a new user's row is added inside that same one.
        if (knownUsers.get(ownerId) != null) {
            transactions.reserve(ownerId, videoId);
            return;
        }
        synchronized (firstUse.of(ownerId)) {
            try {
                reserveAddingTheRow(ownerId, videoId);
            } catch (LimitExceededException refused) {
                // Counted against its row, so the row is there: a flood of refusals must not
                // take turns on this lock, which other users' first creations share.
                knownUsers.put(ownerId, Boolean.TRUE);
                throw refused;
            }
            knownUsers.put(ownerId, Boolean.TRUE);
        }
    }

    /** The reservation adds a missing row itself; one that lost the race to add it goes again. */
    private void reserveAddingTheRow(String ownerId, VideoId videoId) {
        try {
            transactions.reserve(ownerId, videoId);
        } catch (EJBException e) {
            // Most likely another node added the user's row first: it is there now.
            LOG.fine(() -> "another node added the limits row of a user first: " + e.getMessage());
            transactions.reserve(ownerId, videoId);
        }
    }

    /** The provider refused or failed: the grant gives its pending slot back but still counts per minute. */
    public void release(VideoId videoId) {
        transactions.release(videoId);
    }

    /**
     * A local upload of the video declares {@code length} bytes (tus creation, a PUT's total):
     * recorded when the user's unfinished uploads stay within the limit with it, else
     * {@link LimitExceededException} and nothing recorded. Declaring again replaces the video's
     * own earlier declaration. Nothing for a video no longer waiting for its upload.
     */
    public void declareUpload(VideoId videoId, long length) {
        Optional<String> owner = transactions.ownerOfWaitingUpload(videoId);
        if (owner.isPresent()) {
            ensureUser(owner.get());
            transactions.declare(owner.get(), videoId, length);
        }
    }

    /**
     * Records what the upload store actually holds for the video ({@code null}: no upload),
     * without a check: after a termination, or when the store kept an earlier creation's size.
     */
    public void recordDeclared(VideoId videoId, Long length) {
        transactions.recordDeclared(videoId, length);
    }

    /**
     * Creates the user's row on first use, in a transaction of its own before the locked one
     * (a declaration, unlike a creation, does not add the row itself: it is rare). A user this
     * node has seen costs no transaction at all. On this node, first uses of one user take
     * turns (so they do not all fail on the key); another node's may still create the row
     * first, which is fine.
     */
    private void ensureUser(String ownerId) {
        if (knownUsers.get(ownerId) != null) {
            return;
        }
        synchronized (firstUse.of(ownerId)) {
            if (knownUsers.get(ownerId) != null) {
                return;
            }
            try {
                transactions.addUser(ownerId);
                knownUsers.put(ownerId, Boolean.TRUE);
            } catch (EJBException e) {
                // Most likely another node added it first; remembered only once a look found it.
                LOG.fine(() -> "another node added the limits row of a user first: " + e.getMessage());
            }
        }
    }
}
