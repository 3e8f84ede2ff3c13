package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.providers.common.IsoInstants;
import com.yourbit.video.providers.common.JsonPointers;
import jakarta.json.JsonObject;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Cloudflare's video object (a webhook body, or {@code result} of a video lookup) into
 * a {@link ProviderUpdate}, using the action map's JSON Pointers. Cloudflare sends no event
 * id, so the event key is uid + state + {@code modified}: a redelivery has the same key, a
 * later change of the same video a new one.
 *
 * <p>A ready video's report carries what exists of it: one rendition of the input's size
 * (Cloudflare tells no more of its ladder), a storyboard once the duration is known (this
 * service composes one from thumbnails) and no MP4 (the video object says nothing of downloads; they are asked for
 * through the downloads API). Cloudflare's own playback and thumbnail URLs are reported only
 * when neither this service nor the video requires signed URLs: with them, the bare-uid URLs
 * are refused by Cloudflare and must not be shown.
 */
final class VideoObjectReader {

    /** Video uids are 32 hex characters; they end up in URLs, so nothing else is accepted. */
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    /** Far beyond any video's size: a larger number is not a size. */
    private static final double MAX_SIDE = 16_384;

    private final ProviderName provider;
    private final VideoObjectMap fields;
    private final boolean signedUrls;

    /** @param signedUrls whether this service creates videos with {@code requireSignedURLs} */
    VideoObjectReader(ProviderName provider, VideoObjectMap fields, boolean signedUrls) {
        this.provider = provider;
        this.fields = fields;
        this.signedUrls = signedUrls;
    }

    /** @throws IllegalArgumentException when the object has no well-formed uid */
    ProviderUpdate read(JsonObject video) {
        String uid = JsonPointers.text(video, fields.uid()).filter(u -> UID.matcher(u).matches())
                .orElseThrow(() -> new IllegalArgumentException("the video object has no well-formed uid"));
        String state = JsonPointers.text(video, fields.state()).orElse("unknown");
        Optional<String> modified = JsonPointers.text(video, fields.modified());
        Instant at = modified.flatMap(VideoObjectReader::instant).orElse(null);
        // A basic upload's uid is its upload id as well as the asset id.
        ProviderUpdate.Builder update = ProviderUpdate.from(provider)
                .event(EventKey.of(shorten(uid + ":" + state + ":" + modified.orElse("-"))))
                .video(JsonPointers.text(video, fields.videoId()).filter(v -> VIDEO_ID.matcher(v).matches())
                        .map(VideoId::of).orElse(null))
                .upload(UploadId.of(uid))
                .asset(AssetId.of(uid));

        if (fields.errorValue().equals(state)) {
            String code = JsonPointers.text(video, fields.errorCode()).orElse(null);
            String text = JsonPointers.text(video, fields.errorText()).orElse(null);
            String reason = code == null && text == null ? null
                    : code == null ? text : text == null ? code : code + ": " + text;
            return update.errored(reason, at);
        }
        if (fields.readyValue().equals(state) || JsonPointers.isTrue(video, fields.readyFlag())) {
            boolean unsigned = !signedUrls && !JsonPointers.isTrue(video, fields.signedFlag());
            Optional<Double> width = JsonPointers.number(video, fields.width());
            Optional<Double> height = JsonPointers.number(video, fields.height());
            Double duration = JsonPointers.number(video, fields.duration()).filter(d -> d >= 0).orElse(null);
            ReadyDetails ready = new ReadyDetails(AssetId.of(uid), PlaybackId.of(uid),
                    unsigned ? JsonPointers.text(video, fields.hls()).flatMap(VideoObjectReader::httpUrl).orElse(null) : null,
                    unsigned ? JsonPointers.text(video, fields.thumbnail()).flatMap(VideoObjectReader::httpUrl).orElse(null) : null,
                    duration, aspectRatio(width, height));
            // A storyboard is composed at even intervals of the duration: none without one.
            MediaInventory media = new MediaInventory(rendition(width, height).stream().toList(), DownloadState.NONE,
                    duration != null && duration > 0);
            return update.media(media).ready(ready, at);
        }
        return update.processing(at);
    }

    /**
     * The input's size as Cloudflare's one known rendition, named by its short side as video
     * sizes are ({@code 1920 x 1080} and {@code 1080 x 1920} are both {@code 1080p}); none
     * while the size is unknown (Cloudflare says {@code -1}).
     */
    static Optional<Rendition> rendition(Optional<Double> width, Optional<Double> height) {
        if (width.isEmpty() || height.isEmpty() || !(width.get() >= 1 && width.get() <= MAX_SIDE)
                || !(height.get() >= 1 && height.get() <= MAX_SIDE)) {
            return Optional.empty();
        }
        int w = (int) Math.round(width.get());
        int h = (int) Math.round(height.get());
        return Optional.of(new Rendition(Math.min(w, h) + "p", w, h, null));
    }

    /** {@code 1920 x 1080} gives {@code 16:9}. */
    static String aspectRatio(Optional<Double> width, Optional<Double> height) {
        if (width.isEmpty() || height.isEmpty()) {
            return null;
        }
        long w = Math.round(width.get());
        long h = Math.round(height.get());
        if (w <= 0 || h <= 0) {
            return null;
        }
        long gcd = BigInteger.valueOf(w).gcd(BigInteger.valueOf(h)).longValue();
        return (w / gcd) + ":" + (h / gcd);
    }

    private static Optional<URI> httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(IsoInstants.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The event key column is bounded; a hostile {@code modified} must not overflow it. */
    private static String shorten(String key) {
        return key.length() <= 200 ? key : key.substring(0, 200);
    }
}
