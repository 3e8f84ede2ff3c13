package com.yourbit.video.domain;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The video_move table. Runs in the caller's transaction. */
@ApplicationScoped
public class VideoMoveRepository {

    private static final List<MoveState> WORKING = List.of(MoveState.WAITING_FOR_SOURCE, MoveState.INGESTING);

    @PersistenceContext(unitName = "video")
    EntityManager em;

    /** Flushes at once: a second active move of the video fails here on the unique constraint. */
    public void insert(VideoMove move) {
        em.persist(move);
        em.flush();
    }

    public Optional<VideoMove> find(String id) {
        return Optional.ofNullable(em.find(VideoMove.class, id));
    }

    /** A move read for a change: its version column makes a concurrent change fail at the flush. */
    public Optional<VideoMove> findForUpdate(String id) {
        return find(id);
    }

    public Optional<VideoMove> active(VideoId videoId) {
        return em.createQuery("select m from VideoMove m where m.activeVideoId = :v", VideoMove.class)
                .setParameter("v", videoId.value())
                .getResultStream().findFirst();
    }

    /** The providers that active moves go to: a report of any other belongs to no move. */
    public Set<ProviderName> activeTargets() {
        return em.createQuery("select distinct m.toProvider from VideoMove m where m.activeVideoId is not null", String.class)
                .getResultStream().map(ProviderName::of).collect(Collectors.toSet());
    }

    /** The active move to {@code target} that knows its copy by this upload or asset id. */
    public Optional<VideoMove> activeByTarget(ProviderName target, UploadId uploadId, AssetId assetId) {
        if (uploadId != null) {
            Optional<VideoMove> byUpload = em.createQuery("select m from VideoMove m where m.activeVideoId is not null"
                            + " and m.toProvider = :p and m.targetUploadId = :u", VideoMove.class)
                    .setParameter("p", target.value()).setParameter("u", uploadId.value())
                    .getResultStream().findFirst();
            if (byUpload.isPresent()) {
                return byUpload;
            }
        }
        if (assetId == null) {
            return Optional.empty();
        }
        return em.createQuery("select m from VideoMove m where m.activeVideoId is not null"
                        + " and m.toProvider = :p and m.targetAssetId = :a", VideoMove.class)
                .setParameter("p", target.value()).setParameter("a", assetId.value())
                .getResultStream().findFirst();
    }

    /** How many moves are being worked now (their sources prepared or ingested), across nodes. */
    public long working() {
        return em.createQuery("select count(m) from VideoMove m where m.state in :s", Long.class)
                .setParameter("s", WORKING).getSingleResult();
    }

    /**
     * Moves due for their next step whose lease is free, oldest first: waiting ones before
     * queued ones, so a started move finishes before another starts.
     */
    public List<VideoMove> due(List<MoveState> states, Instant now, int limit) {
        return em.createQuery("select m from VideoMove m where m.state in :s and m.nextAttemptAt <= :now"
                        + " and (m.claimedUntil is null or m.claimedUntil < :now)"
                        + " order by m.nextAttemptAt, m.createdAt", VideoMove.class)
                .setParameter("s", states).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /** Finished moves whose left-over asset is still to delete and due, lease free. */
    public List<VideoMove> dueDisposals(Instant now, int limit) {
        return em.createQuery("select m from VideoMove m where m.disposeState = :pending and m.nextAttemptAt <= :now"
                        + " and (m.claimedUntil is null or m.claimedUntil < :now)"
                        + " order by m.nextAttemptAt", VideoMove.class)
                .setParameter("pending", VideoMove.Disposal.PENDING).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /** Moves ingesting since before {@code startedBefore}: the target never said ready. */
    public List<VideoMove> ingestingSince(Instant startedBefore, int limit) {
        return em.createQuery("select m from VideoMove m where m.state = :s and m.ingestStartedAt < :before",
                        VideoMove.class)
                .setParameter("s", MoveState.INGESTING).setParameter("before", startedBefore)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Takes a move's lease for {@code node} with one conditional update: false when another
     * node holds it (or took it first), so two nodes never work one move at once.
     */
    public boolean claim(String id, String node, Instant now, Duration lease) {
        // The version moves too: a change made from an older read of the move fails instead of undoing the lease.
        return em.createQuery("update VideoMove m set m.claimedBy = :node, m.claimedUntil = :until, m.version = m.version + 1"
                        + " where m.id = :id and (m.claimedUntil is null or m.claimedUntil < :now)")
                .setParameter("node", node)
                .setParameter("until", now.plus(lease))
                .setParameter("id", id)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Ready videos of {@code provider} without an active move, oldest first, for a bulk move. */
    public List<VideoId> movable(ProviderName provider, int limit) {
        return em.createQuery("select v.id from Video v where v.storageType = :p and v.status = :ready"
                        + " and not exists (select m from VideoMove m where m.activeVideoId = v.id)"
                        + " order by v.createdAt, v.id", String.class)
                .setParameter("p", provider.value()).setParameter("ready", VideoStatus.READY)
                .setMaxResults(limit).getResultStream().map(VideoId::of).toList();
    }

    /** The latest moves, newest first, optionally of one state. */
    public List<VideoMove> recent(MoveState state, int limit) {
        String where = state == null ? "" : " where m.state = :s";
        var query = em.createQuery("select m from VideoMove m" + where + " order by m.createdAt desc, m.id desc",
                VideoMove.class).setMaxResults(limit);
        if (state != null) {
            query.setParameter("s", state);
        }
        return query.getResultList();
    }

    /** How many moves are in each state (every state present, zero where none). */
    public Map<MoveState, Long> countByState() {
        Map<MoveState, Long> counts = new EnumMap<>(MoveState.class);
        for (MoveState s : MoveState.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select m.state, count(m) from VideoMove m group by m.state", Object[].class)
                .getResultList().forEach(row -> counts.put((MoveState) row[0], (Long) row[1]));
        return counts;
    }

    /** Finished moves whose left-over asset is still to delete. */
    public long pendingDisposals() {
        return em.createQuery("select count(m) from VideoMove m where m.disposeState = :pending", Long.class)
                .setParameter("pending", VideoMove.Disposal.PENDING).getSingleResult();
    }

    public void flush() {
        em.flush();
    }
}
