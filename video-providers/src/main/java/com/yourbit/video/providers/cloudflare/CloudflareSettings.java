package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.UploadProtocol;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Cloudflare part of the action map ({@code video.action-map.cloudflare.*}) and the
 * secrets, as read at one moment. {@code toString} never shows a secret.
 *
 * @param apiUrl base of every Stream API call, e.g. {@code https://api.cloudflare.com/client/v4}
 * @param requireSignedUrls whether uploads are created with {@code requireSignedURLs}
 * @param uploadProtocol {@code TUS}: upload URLs are tus creation endpoints on this service
 *                       ({@code publicUrl}) relayed to Cloudflare's tus flavour, for files up to
 *                       {@code maxSize}; {@code POST}: basic one-time URLs (up to 200 MB)
 * @param playbackUrl URL templates: {@code {token}} is the signed token, or the uid without
 *                    signed URLs; likewise {@code thumbnailUrl}, {@code downloadUrl} (the
 *                    {@code default} MP4) and {@code animatedUrl} (the animated GIF)
 * @param downloadPollInterval how long an MP4 found in progress is not asked about again
 * @param accessRules JSON array for the tokens' {@code accessRules} claim, if any
 */
public record CloudflareSettings(
        URI apiUrl,
        Optional<String> accountId,
        Optional<String> apiToken,
        Optional<String> webhookSecret,
        Optional<String> customerCode,
        Optional<String> signingKeyId,
        Optional<String> signingKey,
        boolean requireSignedUrls,
        int maxDurationSeconds,
        Duration uploadExpiry,
        List<String> allowedOrigins,
        UploadProtocol uploadProtocol,
        URI publicUrl,
        long maxSize,
        Duration webhookTolerance,
        Duration timeout,
        String playbackUrl,
        String thumbnailUrl,
        String downloadUrl,
        String animatedUrl,
        Duration downloadPollInterval,
        Optional<String> accessRules,
        VideoObjectMap fields) {

    public static final String PREFIX = "video.action-map.cloudflare.";

    /** Everything new uploads, webhooks and playback need is set. */
    public boolean isComplete() {
        boolean base = accountId.isPresent() && apiToken.isPresent() && webhookSecret.isPresent() && customerCode.isPresent();
        return base && (!requireSignedUrls || (signingKeyId.isPresent() && signingKey.isPresent()));
    }

    @Override
    public String toString() {
        return "CloudflareSettings[apiUrl=" + apiUrl + ", requireSignedUrls=" + requireSignedUrls
                + ", uploadProtocol=" + uploadProtocol + "]";
    }
}
