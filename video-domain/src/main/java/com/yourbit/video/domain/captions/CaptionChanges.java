package com.yourbit.video.domain.captions;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.TrackReport;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.captions.LanguageTag;
import com.yourbit.video.api.captions.TrackAdded;
import com.yourbit.video.domain.ProviderEvent;
import com.yourbit.video.domain.ProviderEventRepository;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.events.EventOutbox;
import com.yourbit.video.domain.events.EventTypes;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one place where captions change. Each method is its own transaction; the caption's version
 * (and, when an event is written, its video's) makes a concurrent change fail with a
 * {@link CaptionConflictException} instead of being lost, and {@link CaptionService} retries it.
 * A status change writes its event ({@code video.caption.ready|errored}) to the outbox in the
 * same transaction, its {@code seq} the video's version after the change.
 */
@Stateless
public class CaptionChanges {

    private static final Logger LOG = Logger.getLogger(CaptionChanges.class.getName());
    /** Languages per video: far more than any video is subtitled in, few enough to bound storage (32 MiB). */
    public static final int MAX_PER_VIDEO = 32;

    /** What a put stored: the version to send, and the provider's track of the version it replaced. */
    public record Stored(CaptionView view, String ref, String previousTrackId) {
    }

    /** A caption version to add at a provider. */
    public record Pending(LanguageTag lang, String label, String ref, String webVtt) {
    }

    @Inject
    CaptionRepository captions;

    @Inject
    VideoRepository videos;

    @Inject
    ProviderEventRepository events;

    @Inject
    EventOutbox outbox;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Stored store(VideoId videoId, LanguageTag lang, String label, String webVtt) {
        Instant now = clock.instant();
        Optional<Caption> existing = captions.find(videoId, lang.value());
        Caption caption;
        String previousTrack = null;
        if (existing.isPresent()) {
            caption = existing.get();
            previousTrack = caption.getTrackId();
            caption.replace(label, webVtt, now);
        } else {
            // Each caption keeps up to 1 MiB here: a bound on languages bounds what one video holds.
            if (captions.of(videoId).size() >= MAX_PER_VIDEO) {
                throw new VideoException(ErrorCode.CAPTION_LIMIT_EXCEEDED,
                        "a video has at most " + MAX_PER_VIDEO + " captions; remove one or replace one in the same language");
            }
            caption = Caption.create(videoId, lang, label, webVtt, now);
            captions.insert(caption);
        }
        flush();
        return new Stored(CaptionView.of(caption, existing.isEmpty()), caption.getRef(), previousTrack);
    }

    /** The provider took version {@code ref}; the caption as it now stands (empty when it was removed meanwhile). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Caption> added(String ref, TrackAdded answer) {
        Optional<Caption> caption = captions.byRef(ref);
        caption.ifPresent(c -> {
            boolean changed = c.added(ref, answer.trackId(), answer.ready(), clock.instant());
            flush();
            if (changed) {
                event(c);
            }
        });
        return caption;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String ref, String reason) {
        captions.byRef(ref).ifPresent(c -> {
            if (c.failed(ref, reason, clock.instant())) {
                flush();
                event(c);
            }
        });
    }

    /**
     * A provider's report about a track, de-duplicated by its event key like a video's updates.
     * Matched by our ref when the provider echoed it, else by the provider's track id among the
     * reporting provider's videos.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UpdateOutcome report(ProviderUpdate update) {
        TrackReport report = update.track();
        ProviderEvent.Key key = update.eventKey() == null ? null : new ProviderEvent.Key(update.provider(), update.eventKey());
        if (key != null && events.seen(key)) {
            return UpdateOutcome.DUPLICATE;
        }
        Optional<Caption> match = report.ref() != null ? captions.byRef(report.ref())
                : captions.byTrack(report.trackId()).stream()
                        .filter(c -> videos.find(c.videoId()).map(v -> v.getProvider().equals(update.provider())).orElse(false))
                        .findFirst();
        UpdateOutcome outcome;
        if (match.isEmpty()) {
            // A replaced or removed version, or a track this service did not add.
            outcome = UpdateOutcome.UNKNOWN_VIDEO;
            LOG.fine(() -> "track report from " + update.provider() + " for no current caption (track "
                    + report.trackId() + "), recorded");
        } else {
            CaptionStatus status = report.state() == TrackReport.State.READY ? CaptionStatus.READY : CaptionStatus.ERRORED;
            boolean changed = match.get().report(report.trackId(), report.ref(), status, report.reason(), clock.instant());
            outcome = changed ? UpdateOutcome.APPLIED : UpdateOutcome.UNCHANGED;
        }
        if (key != null) {
            events.record(new ProviderEvent(key, match.map(Caption::videoId).orElse(null), outcome, clock.instant()));
        }
        flush();
        if (outcome == UpdateOutcome.APPLIED) {
            event(match.get());
        }
        return outcome;
    }

    /** Removes a caption; its provider's track id, if it had one (the caller removes it there first). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> remove(VideoId videoId, LanguageTag lang) {
        Optional<Caption> caption = captions.find(videoId, lang.value());
        caption.ifPresent(captions::delete);
        flush();
        return caption.map(Caption::getTrackId);
    }

    /** Every caption of a video that moved to another provider: preparing again, each under a new ref. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Pending> detachAll(VideoId videoId) {
        Instant now = clock.instant();
        List<Caption> all = captions.of(videoId);
        all.forEach(c -> c.detach(now));
        flush();
        return all.stream().map(c -> new Pending(c.lang(), c.getLabel(), c.getRef(), c.getWebVtt())).toList();
    }

    /** Moves the video's version with the caption's status, and tells of it in the same transaction. */
    private void event(Caption caption) {
        Video video = videos.find(caption.videoId()).orElseThrow(() -> new IllegalStateException("a caption without its video"));
        video.noteCaptionsChanged(clock.instant());
        flush();
        String type = caption.getStatus() == CaptionStatus.READY ? EventTypes.CAPTION_READY : EventTypes.CAPTION_ERRORED;
        outbox.recordCaption(video, type, video.getVersion(), Json.createObjectBuilder()
                .add("lang", caption.getLang())
                .add("label", caption.getLabel())
                .add("status", caption.getStatus().wireName())
                .build());
    }

    private void flush() {
        try {
            captions.flush();
        } catch (PersistenceException conflict) {
            throw new CaptionConflictException(conflict);
        }
    }
}
