package com.yourbit.video.providers.local;

import java.util.List;
import java.util.Optional;

/**
 * An upload's lock beyond this JVM, for nodes that share the upload storage: any node then
 * takes the next request of an upload, no sticky sessions. {@link UploadLocks} takes this
 * lock after its own, so on each node only one request at a time waits for it.
 */
interface ClusterUploadLocks {

    /** One node (H2, the embedded default): the JVM's lock is the whole lock. */
    ClusterUploadLocks NONE = new ClusterUploadLocks() {
        @Override
        public Optional<Lease> tryLock(String id) {
            return Optional.of(() -> { });
        }

        @Override
        public void askToStop(String id) {
            // no other node
        }

        @Override
        public List<String> stopRequests() {
            return List.of();
        }

        @Override
        public boolean isShared() {
            return false;
        }
    };

    /** The upload's lock if no node holds it now. */
    Optional<Lease> tryLock(String id);

    /** Asks the node whose request holds the upload to stop reading its body (it keeps what arrived). */
    void askToStop(String id);

    /** The uploads other nodes asked this node to stop writing since the last call. */
    List<String> stopRequests();

    /** Whether other nodes take part (then {@link #stopRequests} is worth asking often). */
    boolean isShared();

    /** A held lock. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
