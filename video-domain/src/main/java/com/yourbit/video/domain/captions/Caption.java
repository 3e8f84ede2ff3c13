package com.yourbit.video.domain.captions;

import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.captions.LanguageTag;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One caption track of one video, in one language (unique per video), with its WebVTT file.
 *
 * <p>Lifecycle of a version (each put makes a new {@code ref}): {@code preparing} when stored,
 * before the provider hears of it; then {@code ready} or {@code errored} as the provider answers
 * or reports later. Reports name the version by {@code ref} or by the provider's track id: a
 * report about another version changes nothing ({@link #report}), so a late {@code errored} of
 * a replaced track never touches its replacement, and a {@code ready} that arrives before the
 * provider's answer to our request was recorded still counts. {@code version} gives optimistic
 * locking.
 */
@Entity
@Table(name = "caption")
public class Caption {

    /** Bound of a label: a player's menu entry, not a text. */
    public static final int MAX_LABEL = 128;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "video_id", nullable = false, length = 36)
    private String videoId;

    @Column(nullable = false, length = LanguageTag.MAX_LENGTH)
    private String lang;

    @Column(nullable = false, length = MAX_LABEL)
    private String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CaptionStatus status;

    @Column(nullable = false, length = 36)
    private String ref;

    @Column(name = "track_id")
    private String trackId;

    @Column(name = "error_reason", length = 500)
    private String errorReason;

    @Column(name = "web_vtt", nullable = false, length = 1048576)
    private String webVtt;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Caption() {
        // for JPA
    }

    static Caption create(VideoId videoId, LanguageTag lang, String label, String webVtt, Instant now) {
        Caption caption = new Caption();
        caption.id = UUID.randomUUID().toString();
        caption.videoId = videoId.value();
        caption.lang = lang.value();
        caption.createdAt = now;
        caption.replace(label, webVtt, now);
        return caption;
    }

    /**
     * A new version of the file: preparing again under a new ref. The provider's track of the
     * version before stays in {@code trackId} until the new one's is recorded, so it can be removed.
     */
    void replace(String label, String webVtt, Instant now) {
        this.label = label;
        this.webVtt = webVtt;
        this.ref = UUID.randomUUID().toString();
        this.status = CaptionStatus.PREPARING;
        this.errorReason = null;
        this.updatedAt = now;
    }

    /**
     * The provider accepted version {@code ref} as {@code trackId}; ready at once or later.
     *
     * @return whether the status changed (an event is due); false also for another version
     */
    boolean added(String ref, String trackId, boolean ready, Instant now) {
        if (!this.ref.equals(ref)) {
            return false;
        }
        this.trackId = trackId;
        this.updatedAt = now;
        if (ready && status == CaptionStatus.PREPARING) {
            status = CaptionStatus.READY;
            return true;
        }
        return false;
    }

    /** Our request for version {@code ref} failed at the provider. */
    boolean failed(String ref, String reason, Instant now) {
        if (!this.ref.equals(ref) || status != CaptionStatus.PREPARING) {
            return false;
        }
        status = CaptionStatus.ERRORED;
        errorReason = bounded(reason);
        updatedAt = now;
        return true;
    }

    /**
     * A provider's report; applies only to the current version (by ref, or by track id when the
     * provider did not echo one). {@code ready} once errored stays errored: a report's order is
     * not trusted over a failure already told.
     *
     * @return whether the status changed
     */
    boolean report(String reportedTrackId, String reportedRef, CaptionStatus reported, String reason, Instant now) {
        boolean mine = reportedRef != null ? reportedRef.equals(ref)
                : reportedTrackId != null && reportedTrackId.equals(trackId);
        if (!mine || status == reported || status == CaptionStatus.ERRORED) {
            return false;
        }
        if (reportedRef != null && trackId == null) {
            trackId = reportedTrackId;
        }
        status = reported;
        errorReason = reported == CaptionStatus.ERRORED ? bounded(reason) : null;
        updatedAt = now;
        return true;
    }

    /** The caption now lives at another provider (a moved video): preparing there, with no track yet. */
    void detach(Instant now) {
        trackId = null;
        replace(label, webVtt, now);
    }

    private static String bounded(String reason) {
        String text = reason == null ? "the provider could not use the caption file" : reason;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    public String getId() { return id; }
    public VideoId videoId() { return VideoId.of(videoId); }
    public LanguageTag lang() { return new LanguageTag(lang); }
    public String getLang() { return lang; }
    public String getLabel() { return label; }
    public CaptionStatus getStatus() { return status; }
    public String getRef() { return ref; }
    public String getTrackId() { return trackId; }
    public String getErrorReason() { return errorReason; }
    public String getWebVtt() { return webVtt; }
    public long getVersion() { return version; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    @Override
    public String toString() {
        return "Caption[" + videoId + "/" + lang + " " + status + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caption c && Objects.equals(c.id, id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
