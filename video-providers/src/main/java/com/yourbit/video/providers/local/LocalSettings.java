package com.yourbit.video.providers.local;

import com.yourbit.video.providers.local.objects.S3Settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The local provider's part of the action map ({@code video.action-map.local.*}).
 *
 * @param publicUrl base URL browsers reach this service at
 * @param storageDir where uploads and rendered media live
 * @param signingJwk base64 of a private EC JWK, or empty to use a generated, persisted key
 * @param sweepInterval how often expired uploads are removed and pending media jobs retried
 * @param corsOrigins origins whose pages may upload and play ({@code *}: any)
 * @param thumbnailCacheBytes the most rendered thumbnails may take on disk; oldest go first
 * @param slowUploads when a request sending upload bytes is too slow to keep
 * @param animatedCacheBytes the most rendered animated previews may take on disk; oldest go first
 * @param s3 where uploads and media are kept when {@code storage} is {@code s3}; empty: in {@code storageDir}
 * @param originalCacheBytes with {@code s3}, the most the node's copies of originals (ffmpeg's input) may take
 * @see LadderSettings the media pipeline's part, read on its own
 */
public record LocalSettings(URI publicUrl, Path storageDir, Duration uploadTimeout, long maxSize,
                            Optional<String> signingJwk, String ffprobe, String ffmpeg,
                            Duration sweepInterval, List<String> corsOrigins, long thumbnailCacheBytes,
                            SlowUploads slowUploads, long animatedCacheBytes, Optional<S3Settings> s3,
                            long originalCacheBytes) {

    /**
     * A request that brings fewer than {@code minBytes} of upload within {@code window} is asked
     * to stop (it keeps what arrived): {@code slow-upload-window}, {@code slow-upload-min-bytes}.
     */
    public record SlowUploads(Duration window, long minBytes) {
        public SlowUploads {
            if (window.isNegative() || window.isZero() || minBytes < 0) {
                throw new IllegalArgumentException(PREFIX + "slow-upload-window must be positive and "
                        + PREFIX + "slow-upload-min-bytes at least 0");
            }
        }
    }

    public static final String PREFIX = "video.action-map.local.";
    /** A secret, so an environment variable like the providers' secrets, not part of the action map. */
    public static final String SIGNING_KEY_SECRET = "VIDEO_MEDIA_SIGNING_JWK";

    public LocalSettings {
        String base = publicUrl.toString();
        if (base.endsWith("/")) {
            publicUrl = URI.create(base.substring(0, base.length() - 1));
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException(PREFIX + "sweep-interval must be positive");
        }
        if (thumbnailCacheBytes < 1) {
            throw new IllegalArgumentException(PREFIX + "thumbnail-cache-bytes must be positive");
        }
        if (animatedCacheBytes < 1) {
            throw new IllegalArgumentException(PREFIX + "animated-cache-bytes must be positive");
        }
        if (originalCacheBytes < 1) {
            throw new IllegalArgumentException(PREFIX + "original-cache-bytes must be positive");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException(PREFIX + "max-size must be positive");
        }
    }

    public URI resolve(String path) {
        return URI.create(publicUrl + path);
    }
}
