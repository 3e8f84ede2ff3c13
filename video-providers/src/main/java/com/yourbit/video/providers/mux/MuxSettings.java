package com.yourbit.video.providers.mux;

import com.yourbit.video.providers.common.UrlTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Mux's part of the action map ({@code video.action-map.mux.*}) and its secrets, as read at
 * one moment by {@link MuxSettingsReader}; defaults in this module's
 * {@code META-INF/microprofile-config.properties}.
 *
 * @param apiUrl base of every API call, {@code https://api.mux.com} in production
 * @param playbackPolicy {@code signed} or {@code public}, for new assets and for the URLs we build
 * @param uploadTimeout how long Mux keeps a direct upload URL open (60 s to 7 days)
 * @param webhookStatus JSON Pointer to an object's status, in a webhook and in an API answer alike
 * @param uploadIdPointer JSON Pointer to an asset's upload id
 * @param playbackIdPointer JSON Pointer to an asset's first playback id
 * @param downloadUrl the MP4 (static rendition) of a playback id
 * @param storyboardUrl Mux's WebVTT storyboard of a playback id
 * @param animatedUrl an animated preview; {@code {format}} is {@code gif} or {@code webp}
 * @param textTrackUrl a text track's WebVTT file; {@code {track_id}} is the track's id
 * @param secrets API credentials, webhook secret and signing key; never printed
 */
public record MuxSettings(URI apiUrl, String playbackPolicy, String videoQuality, String corsOrigin,
                          Duration uploadTimeout, Duration connectTimeout, Duration readTimeout,
                          Duration webhookTolerance, String webhookStatus, String readyValue,
                          String uploadIdPointer, String playbackIdPointer,
                          UrlTemplate playbackUrl, UrlTemplate thumbnailUrl, UrlTemplate downloadUrl,
                          UrlTemplate storyboardUrl, UrlTemplate animatedUrl, UrlTemplate textTrackUrl,
                          MuxSecrets secrets) {

    public static final String PREFIX = "video.action-map.mux.";
    static final Set<String> POLICIES = Set.of("public", "signed");
    private static final Set<String> QUALITIES = Set.of("basic", "plus", "premium");
    static final Duration MIN_UPLOAD_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_UPLOAD_TIMEOUT = Duration.ofDays(7);

    public MuxSettings {
        String base = apiUrl.toString();
        if (base.endsWith("/")) {
            apiUrl = URI.create(base.substring(0, base.length() - 1));
        }
        if (!POLICIES.contains(playbackPolicy)) {
            throw new IllegalArgumentException(PREFIX + "playback-policy must be public or signed");
        }
        if (!QUALITIES.contains(videoQuality)) {
            throw new IllegalArgumentException(PREFIX + "video-quality must be basic, plus or premium");
        }
        if (uploadTimeout.compareTo(MIN_UPLOAD_TIMEOUT) < 0 || uploadTimeout.compareTo(MAX_UPLOAD_TIMEOUT) > 0) {
            throw new IllegalArgumentException(PREFIX + "upload-timeout must be between 60 seconds and 7 days");
        }
    }

    public boolean signedPlayback() {
        return "signed".equals(playbackPolicy);
    }

    MuxEventFields eventFields() {
        return new MuxEventFields(webhookStatus, readyValue, uploadIdPointer, playbackIdPointer, playbackPolicy,
                playbackUrl.toString(), thumbnailUrl.toString());
    }
}
