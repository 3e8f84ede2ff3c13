package com.yourbit.video.providers.mux;

import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.Rendition;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Mux asset object says exists besides playback (field names from Mux's asset object,
 * mux.com/docs/api-reference/video/assets/get-asset, and the webhook spec's {@code WebhookAsset}).
 * Mux streams an adaptive ladder but names only its top: {@code resolution_tier}
 * ({@code 720p} … {@code 2160p}, {@code audio-only}), or the deprecated
 * {@code max_stored_resolution} ({@code SD}, {@code HD}, {@code FHD}, {@code UHD}) on older
 * answers; the video track's {@code max_width}/{@code max_height} give its size. So the inventory
 * has one rendition, that top one, with the size where Mux told it. The MP4 is the
 * {@code highest} static rendition ({@link MuxStaticRendition}); every asset with video has a
 * storyboard at image.mux.com.
 */
final class MuxMediaInventory {

    private static final Pattern TIER = Pattern.compile("[0-9]{3,4}p");
    private static final Map<String, String> STORED_RESOLUTION = Map.of("HD", "720p", "FHD", "1080p", "UHD", "2160p",
            "SD", "sd");
    /** Far beyond any video Mux stores (it caps at 4K); a bound on what an answer can make us keep. */
    private static final int MAX_SIDE = 16_384;

    private MuxMediaInventory() {
    }

    static MediaInventory of(JsonObject asset) {
        if ("audio-only".equals(asset.getString("resolution_tier", null))
                || "Audio only".equals(asset.getString("max_stored_resolution", null))) {
            return new MediaInventory(List.of(), MuxStaticRendition.state(asset), false);
        }
        Optional<JsonObject> video = videoTrack(asset);
        Integer width = video.map(t -> side(t, "max_width")).orElse(null);
        Integer height = video.map(t -> side(t, "max_height")).orElse(null);
        List<Rendition> renditions = name(asset, width, height).map(n -> List.of(new Rendition(n, width, height, null)))
                .orElse(List.of());
        return new MediaInventory(renditions, MuxStaticRendition.state(asset), true);
    }

    /** The tier Mux names, else the deprecated stored resolution, else the short side of the track. */
    private static Optional<String> name(JsonObject asset, Integer width, Integer height) {
        String tier = asset.getString("resolution_tier", null);
        if (tier != null && TIER.matcher(tier).matches()) {
            return Optional.of(tier);
        }
        String stored = STORED_RESOLUTION.get(asset.getString("max_stored_resolution", ""));
        if (stored != null) {
            return Optional.of(stored);
        }
        return width != null && height != null ? Optional.of(Math.min(width, height) + "p") : Optional.empty();
    }

    private static Optional<JsonObject> videoTrack(JsonObject asset) {
        if (asset.get("tracks") == null || asset.get("tracks").getValueType() != JsonValue.ValueType.ARRAY) {
            return Optional.empty();
        }
        return asset.getJsonArray("tracks").stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .filter(t -> "video".equals(t.getString("type", null)))
                .findFirst();
    }

    private static Integer side(JsonObject track, String key) {
        if (track.get(key) instanceof JsonNumber n && n.isIntegral()) {
            long value = n.longValue();
            return value > 0 && value <= MAX_SIDE ? (int) value : null;
        }
        return null;
    }
}
