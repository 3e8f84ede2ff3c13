package com.yourbit.video.web.events;

import com.yourbit.video.domain.events.DeliveryLedger;
import com.yourbit.video.domain.events.EventSignals;
import com.yourbit.video.domain.events.EventTypes;
import com.yourbit.video.domain.events.VideoEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open event streams of this node and what feeds them: one query of the outbox for all
 * watched videos, at once after a commit on this node and every second for the others' (events
 * committed on another node of the cluster). Each stream gets its video's events in order,
 * once, from the {@code seq} it has; it ends after {@code video.deleted}, after
 * {@link #MAX_LIFETIME} (the client resumes with Last-Event-ID) or when the client goes.
 */
@ApplicationScoped
public class LiveEvents {

    private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
    /** Events are looked for this far back at every poll, for commits that came late. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    public static final int MAX_PER_USER = 5;
    public static final int MAX_PER_NODE = 2000;

    /** One open stream. */
    final class Stream {
        final String videoId;
        final String ownerId;
        final SseEventSink sink;
        final Sse sse;
        final Instant openedAt;
        volatile long lastSeq;
        volatile Instant lastWrite;
        final AtomicBoolean closed = new AtomicBoolean();

        Stream(String videoId, String ownerId, SseEventSink sink, Sse sse, long lastSeq, Instant now) {
            this.videoId = videoId;
            this.ownerId = ownerId;
            this.sink = sink;
            this.sse = sse;
            this.lastSeq = lastSeq;
            this.openedAt = now;
            this.lastWrite = now;
        }

        /** Sends the event unless sent before; false when the stream is over. */
        synchronized boolean offer(VideoEvent event) {
            if (closed.get() || event.getSeq() <= lastSeq) {
                return !closed.get();
            }
            OutboundSseEvent out = sse.newEventBuilder().id(Long.toString(event.getSeq())).name(event.getType())
                    .data(event.getBody()).build();
            if (!write(out)) {
                return false;
            }
            lastSeq = event.getSeq();
            if (EventTypes.DELETED.equals(event.getType())) {
                close();
                return false;
            }
            return true;
        }

        synchronized boolean keepAlive(Instant now) {
            if (closed.get() || sink.isClosed()) {
                close();
                return false;
            }
            if (Duration.between(openedAt, now).compareTo(MAX_LIFETIME) > 0) {
                close();
                return false;
            }
            if (Duration.between(lastWrite, now).compareTo(KEEP_ALIVE) >= 0) {
                return write(sse.newEventBuilder().comment("keep-alive").build());
            }
            return true;
        }

        private boolean write(OutboundSseEvent out) {
            try {
                sink.send(out).toCompletableFuture().get(10, TimeUnit.SECONDS);
                lastWrite = clock.instant();
                return true;
            } catch (Exception gone) {
                if (gone instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                close();
                return false;
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                streams.remove(this);
                release(ownerId);
                try {
                    sink.close();
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        }
    }

    @Inject
    DeliveryLedger ledger;

    @Inject
    EventSignals signals;

    @Inject
    Clock clock;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Runnable wake = this::wake;
    private volatile ScheduledFuture<?> poll;
    private volatile Instant lastPoll = Instant.EPOCH;

    /** Opens a stream; false when the user (or this node) has as many as allowed. */
    public boolean open(String videoId, String ownerId, long afterSeq, SseEventSink sink, Sse sse) {
        if (!reserve(ownerId)) {
            return false;
        }
        Stream stream = new Stream(videoId, ownerId, sink, sse, afterSeq, clock.instant());
        // What happened before the stream opened (or since Last-Event-ID) first; only then is it
        // fed by the polls, whose look back covers what was committed in between.
        for (VideoEvent event : ledger.eventsOf(videoId, afterSeq, 1000)) {
            if (!stream.offer(event)) {
                return true;
            }
        }
        streams.add(stream);
        startPolling();
        return true;
    }

    /** Counts the stream against its user's bound and the node's; false when either is reached. */
    private synchronized boolean reserve(String ownerId) {
        AtomicInteger mine = perUser.computeIfAbsent(ownerId, k -> new AtomicInteger());
        if (mine.get() >= MAX_PER_USER || perUser.values().stream().mapToInt(AtomicInteger::get).sum() >= MAX_PER_NODE) {
            if (mine.get() == 0) {
                perUser.remove(ownerId);
            }
            return false;
        }
        mine.incrementAndGet();
        return true;
    }

    private synchronized void release(String ownerId) {
        perUser.computeIfPresent(ownerId, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private synchronized void startPolling() {
        if (poll == null) {
            signals.listen(wake);
            poll = scheduler.scheduleWithFixedDelay(this::tick, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void wake() {
        if (!streams.isEmpty()) {
            try {
                scheduler.execute(this::tick);
            } catch (RuntimeException e) {
                // the next tick comes anyway
            }
        }
    }

    void tick() {
        if (streams.isEmpty() || !polling.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            Instant since = (lastPoll.isAfter(now.minus(OVERLAP)) ? lastPoll : now).minus(OVERLAP);
            lastPoll = now;
            Set<String> videos = ConcurrentHashMap.newKeySet();
            streams.forEach(s -> videos.add(s.videoId));
            List<VideoEvent> events = ledger.eventsSince(videos, since, 5000);
            for (Stream stream : streams) {
                for (VideoEvent event : events) {
                    if (event.getVideoId().equals(stream.videoId) && !stream.offer(event)) {
                        break;
                    }
                }
                stream.keepAlive(now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "live event streams could not be fed this time", e);
        } finally {
            polling.set(false);
        }
    }

    int open() {
        return streams.size();
    }

    @PreDestroy
    void stop() {
        signals.forget(wake);
        if (poll != null) {
            poll.cancel(false);
        }
        streams.forEach(Stream::close);
    }
}
