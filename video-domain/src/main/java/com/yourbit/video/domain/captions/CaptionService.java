package com.yourbit.video.domain.captions;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.captions.CaptionTrack;
import com.yourbit.video.api.captions.CaptionTracks;
import com.yourbit.video.api.captions.LanguageTag;
import com.yourbit.video.api.captions.TrackAdded;
import com.yourbit.video.api.captions.WebVtt;
import com.yourbit.video.api.captions.WebVttException;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.domain.ProviderFailedException;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.UpdateOutcome;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The captions use cases: put (add or replace), list, remove, a provider's track reports, and
 * re-adding a video's captions at the provider it moved to ({@link #reattach}). Provider calls
 * are made outside any transaction; every change goes through {@link CaptionChanges}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CaptionService {

    private static final Logger LOG = Logger.getLogger(CaptionService.class.getName());
    private static final int ATTEMPTS = 4;
    /** Long enough for a provider's download queue (Mux fetches tracks asynchronously), short enough to leak little. */
    static final Duration FETCH_TTL = Duration.ofHours(6);

    @Inject
    VideoRepository videos;

    @Inject
    CaptionRepository captions;

    @Inject
    CaptionChanges changes;

    @Inject
    ProviderRegistry registry;

    @Inject
    HostedMedia hostedMedia;

    @Inject
    VideoMetrics metrics;

    /**
     * Adds or replaces the caption in {@code lang}. Refused, changing nothing: a malformed tag or
     * label and invalid WebVTT (400, the line named), another user's or no video (404), a video
     * not ready (409). A provider failure leaves the caption {@code errored} and answers 502/503.
     */
    public CaptionView put(String ownerId, VideoId videoId, String lang, String label, String webVtt) {
        LanguageTag tag = tag(lang);
        String checkedLabel;
        try {
            checkedLabel = CaptionLabel.of(label, tag);
        } catch (IllegalArgumentException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        try {
            WebVtt.parse(webVtt);
        } catch (WebVttException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "not valid WebVTT: " + e.getMessage());
        }
        Video video = readyVideo(ownerId, videoId);
        CaptionTracks tracks = tracks(video);
        CaptionChanges.Stored stored = retrying(() -> changes.store(videoId, tag, checkedLabel, webVtt));
        Caption caption = send(video, tracks, tag, checkedLabel, stored.ref(), webVtt, stored.previousTrackId());
        return caption == null ? stored.view() : CaptionView.of(caption, stored.view().created());
    }

    /** The video's captions, a ready one's with its player URL signed like playback for {@code ttl}. */
    public List<CaptionView> list(String ownerId, VideoId videoId, Duration ttl) {
        Video video = videos.findOwned(ownerId, videoId).orElseThrow(CaptionService::noVideo);
        Optional<CaptionTracks> tracks = registry.capability(video, CaptionTracks.class);
        return captions.of(videoId).stream().map(c -> {
            CaptionView view = CaptionView.of(c, false);
            if (c.getStatus() == CaptionStatus.READY && c.getTrackId() != null && tracks.isPresent()
                    && video.getStatus() == VideoStatus.READY) {
                view = view.withUrl(tracks.get().trackUrl(video.ref(), c.lang(), c.getTrackId(), ttl));
            }
            return view;
        }).toList();
    }

    /** Removes the caption here and its track at the provider; 404 when there is none in that language. */
    public void remove(String ownerId, VideoId videoId, String lang) {
        LanguageTag tag = tag(lang);
        Video video = videos.findOwned(ownerId, videoId).orElseThrow(CaptionService::noVideo);
        Caption caption = captions.find(videoId, tag.value())
                .orElseThrow(() -> new VideoException(ErrorCode.NOT_FOUND, "the video has no caption in " + tag));
        if (caption.getTrackId() != null) {
            registry.capability(video, CaptionTracks.class).ifPresent(tracks -> {
                try {
                    metrics.providerCall(video.getProvider(), "remove-track",
                            () -> tracks.remove(video.ref(), tag, caption.getTrackId()));
                } catch (ProviderUnavailableException e) {
                    throw new ProviderFailedException(e);
                }
            });
        }
        retrying(() -> changes.remove(videoId, tag));
    }

    /**
     * For the move of a video to another provider, once the video names its new provider: adds
     * every caption it has there again, from the WebVTT kept here, each as a new version (so
     * reports about its tracks at the old provider match nothing). A caption the new provider
     * refuses becomes {@code errored}; the move goes on. Safe to call again.
     *
     * @return how many captions the new provider took
     */
    public int reattach(VideoId videoId) {
        Video video = videos.find(videoId).orElseThrow(CaptionService::noVideo);
        List<CaptionChanges.Pending> pending = retrying(() -> changes.detachAll(videoId));
        if (pending.isEmpty()) {
            return 0;
        }
        Optional<CaptionTracks> tracks = registry.capability(video, CaptionTracks.class);
        int taken = 0;
        for (CaptionChanges.Pending p : pending) {
            if (tracks.isEmpty() || video.getStatus() != VideoStatus.READY) {
                retrying(() -> {
                    changes.failed(p.ref(), "the video's provider cannot carry captions now");
                    return null;
                });
                continue;
            }
            try {
                send(video, tracks.get(), p.lang(), p.label(), p.ref(), p.webVtt(), null);
                taken++;
            } catch (ProviderFailedException e) {
                LOG.warning(() -> "caption " + p.lang() + " of moved video " + videoId + " was not taken: " + e.getMessage());
            }
        }
        return taken;
    }

    /** A provider's report about a track (ProviderState.TRACK), retried on a concurrent change. */
    public UpdateOutcome report(ProviderUpdate update) {
        return retrying(() -> changes.report(update));
    }

    /** Sends one version to the provider and records its answer; null when the caption was removed meanwhile. */
    private Caption send(Video video, CaptionTracks tracks, LanguageTag lang, String label, String ref, String webVtt,
                         String replacing) {
        SignedUrl fetch = hostedMedia.captionFetchUrl(video.id(), lang.value(), ref, FETCH_TTL);
        TrackAdded added;
        try {
            added = metrics.providerCall(video.getProvider(), "add-track",
                    () -> tracks.add(video.ref(), new CaptionTrack(lang, label, ref, webVtt, fetch.url()), replacing));
        } catch (ProviderUnavailableException e) {
            retrying(() -> {
                changes.failed(ref, "the provider refused the caption: " + e.getMessage());
                return null;
            });
            throw new ProviderFailedException(e);
        }
        return retrying(() -> changes.added(ref, added)).orElse(null);
    }

    private <T> T retrying(Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (CaptionConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            } catch (EJBException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.PersistenceException || t instanceof CaptionConflictException) {
                return true;
            }
        }
        return false;
    }

    private Video readyVideo(String ownerId, VideoId videoId) {
        Video video = videos.findOwned(ownerId, videoId).orElseThrow(CaptionService::noVideo);
        if (video.getStatus() != VideoStatus.READY) {
            throw new VideoException(ErrorCode.VIDEO_NOT_READY, "the video is " + video.getStatus().wireName()
                    + "; captions can be added once it is ready");
        }
        return video;
    }

    private CaptionTracks tracks(Video video) {
        return registry.capability(video, CaptionTracks.class).orElseThrow(() -> new VideoException(
                ErrorCode.UNKNOWN_PROVIDER, "the video's provider cannot carry captions"));
    }

    private static LanguageTag tag(String lang) {
        try {
            return LanguageTag.parse(lang);
        } catch (IllegalArgumentException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "lang must be a BCP 47 language tag: " + e.getMessage());
        }
    }

    private static VideoException noVideo() {
        return new VideoException(ErrorCode.VIDEO_NOT_FOUND, "no such video");
    }

    /** The WebVTT of a caption version, for the provider that fetches it ({@code c} token); empty when it was replaced. */
    public Optional<String> fileOf(VideoId videoId, String lang, String ref) {
        return captions.find(videoId, lang).filter(c -> c.getRef().equals(ref)).map(Caption::getWebVtt);
    }

    /** A ready local video's current caption file in a language, for players. */
    public Optional<Caption> current(VideoId videoId, String lang) {
        return captions.find(videoId, lang);
    }

    /** A video's captions, for its HLS master playlist. */
    public List<Caption> of(VideoId videoId) {
        return captions.of(videoId);
    }
}
