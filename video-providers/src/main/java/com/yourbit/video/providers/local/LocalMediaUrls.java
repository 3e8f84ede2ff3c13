package com.yourbit.video.providers.local;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaGrant;
import com.yourbit.video.providers.common.ProviderClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The signed {@code /media} URLs of a video's MP4 download, storyboard and animated previews
 * (a JWT of {@link MediaTokens} in {@code token}). The storyboard's is also how the service
 * hands out the storyboards it composes for providers without one.
 */
@ApplicationScoped
public class LocalMediaUrls {

    /** The MP4's name under {@code /media/{id}/}. */
    public static final String DOWNLOAD = "download.mp4";
    /** The uploaded file's name under {@code /media/{id}/}. */
    public static final String ORIGINAL = "original";

    @Inject
    LocalSettingsReader settings;

    @Inject
    LocalProviderComponents storage;

    @Inject
    @ProviderClock
    Clock clock;

    /** The MP4 is the video itself, so a playback token ({@code v}) opens it, as Mux's static renditions. */
    SignedUrl download(VideoId video, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        return url(video, DOWNLOAD, storage.tokens().sign(video.value(), MediaGrant.PLAYBACK, null, expiresAt), expiresAt);
    }

    /** The uploaded file ({@code /media/{id}/original}), opened by a playback token like the MP4. */
    SignedUrl original(VideoId video, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        return url(video, ORIGINAL, storage.tokens().sign(video.value(), MediaGrant.PLAYBACK, null, expiresAt), expiresAt);
    }

    SignedUrl storyboard(VideoId video, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        return url(video, HostedMedia.STORYBOARD, storage.tokens().sign(video.value(), MediaGrant.STORYBOARD, null, expiresAt),
                expiresAt);
    }

    SignedUrl animated(VideoId video, AnimatedSpec spec, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        return url(video, "animated." + spec.format().extension(), storage.tokens().signAnimated(video.value(), spec, expiresAt),
                expiresAt);
    }

    /** A caption file version for a provider to fetch ({@code c} token). */
    SignedUrl captionFetch(VideoId video, String lang, String ref, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        return url(video, captionName(lang), storage.tokens().signCaption(video.value(), lang, ref, expiresAt), expiresAt);
    }

    /** A local video's caption file for players, with a playback token as its HLS subtitles take. */
    SignedUrl caption(VideoId video, String lang, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        return url(video, captionName(lang), storage.tokens().sign(video.value(), MediaGrant.PLAYBACK, null, expiresAt),
                expiresAt);
    }

    /** The tag is a well-formed language tag (letters, digits, '-'), so it needs no escaping. */
    private static String captionName(String lang) {
        if (!lang.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a language tag");
        }
        return "captions/" + lang + ".vtt";
    }

    private SignedUrl url(VideoId video, String name, String token, Instant expiresAt) {
        return new SignedUrl(settings.current().resolve("/media/" + video.value() + "/" + name + "?token=" + token), expiresAt);
    }
}
