package com.yourbit.video.providers.local;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job claims when the jobs are kept as objects ({@code storage=s3}): there is no shared
 * directory to lock a file in, so the claim is the cluster's lock (a PostgreSQL advisory lock
 * on the locks' own pool, as the uploads' lock is), or this JVM's alone on a single node. Like
 * a file lock, an advisory lock ends with the session that held it, so a node that dies
 * leaves no stale claim.
 */
final class ClusterJobClaims extends JobClaims {

    private final ClusterUploadLocks cluster;
    private final String kind;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** @param kind names the jobs' locks apart from the uploads' and from other kinds of job */
    ClusterJobClaims(ClusterUploadLocks cluster, String kind) {
        super(null);
        this.cluster = cluster;
        this.kind = kind;
    }

    @Override
    Optional<Claim> tryClaim(String id) {
        if (!held.add(id)) {
            return Optional.empty();
        }
        try {
            Optional<ClusterUploadLocks.Lease> lease = cluster.tryLock(kind + "-job:" + id);
            if (lease.isEmpty()) {
                held.remove(id);
                return Optional.empty();
            }
            return Optional.of(() -> {
                try {
                    lease.get().close();
                } finally {
                    held.remove(id);
                }
            });
        } catch (RuntimeException e) {
            held.remove(id);
            throw e;
        }
    }

    @Override
    void forget(String id) {
        // nothing is kept for a claim
    }
}
