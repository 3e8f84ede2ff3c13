package com.yourbit.video.providers.mux;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.TrackReport;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.providers.common.IsoInstants;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what Mux says about an upload or an asset, from a webhook event or from an API
 * answer (both carry the object under {@code data}), into a {@link ProviderUpdate}.
 * The asset's status, upload id and playback id are read through the action map's JSON
 * Pointers. Every update names whatever Mux gave of upload id, asset id and passthrough
 * (our video id), so an event matches its video even when it arrives before the others.
 * A ready asset also tells what Mux made of it ({@link MuxMediaInventory}); the static
 * rendition events tell where its MP4 stands, as a media change
 * (webhook types and data from Mux's webhook spec, mux.com/webhook-spec.json).
 */
final class MuxUpdateReader {

    static final ProviderName MUX = ProviderName.of(MuxVideoProvider.NAME);
    /** Mux ids (uploads, assets, playback ids) are URL-safe alphanumerics. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,255}");
    private static final Pattern VIDEO_ID = Pattern.compile("[0-9a-f-]{36}");

    /** Looked up once: {@code Json.createPointer} looks the provider up anew on every call (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final MuxEventFields fields;

    MuxUpdateReader(MuxEventFields fields) {
        this.fields = fields;
    }

    /**
     * The update a webhook event carries; empty for event types this service does not act on.
     *
     * @throws IllegalArgumentException when the event is not shaped as Mux sends it
     */
    Optional<ProviderUpdate> fromEvent(JsonObject event) {
        String type = requiredString(event, "type");
        String eventId = requiredString(event, "id");
        if (!(event.get("data") instanceof JsonObject data)) {
            throw new IllegalArgumentException("the event has no data object");
        }
        Instant at = instant(event.getString("created_at", null));
        return switch (type) {
            case "video.upload.asset_created" -> Optional.of(uploadUpdate(eventId, data, ProviderState.PROCESSING, null, at));
            case "video.upload.cancelled", "video.upload.timed_out" ->
                    Optional.of(uploadUpdate(eventId, data, ProviderState.GONE, null, at));
            case "video.upload.errored" -> Optional.of(uploadUpdate(eventId, data, ProviderState.ERRORED, uploadError(data), at));
            case "video.asset.deleted" -> Optional.of(assetUpdate(eventId, event, data, ProviderState.GONE, at));
            case "video.asset.created", "video.asset.ready", "video.asset.errored" -> assetByStatus(eventId, event, data, at);
            case "video.asset.static_rendition.created" -> staticRendition(eventId, event, data, DownloadState.PREPARING, at);
            case "video.asset.static_rendition.ready" -> staticRendition(eventId, event, data, DownloadState.READY, at);
            case "video.asset.static_rendition.errored", "video.asset.static_rendition.skipped" ->
                    staticRendition(eventId, event, data, DownloadState.ERRORED, at);
            case "video.asset.track.ready" -> track(eventId, event, data, TrackReport.State.READY, at);
            case "video.asset.track.errored" -> track(eventId, event, data, TrackReport.State.ERRORED, at);
            // video.asset.track.created: the track is preparing, as it was since we added it.
            // video.asset.track.deleted: this service deletes tracks itself (a caption removed or
            // replaced), and the event may arrive before that is recorded; so it is ignored.
            // video.asset.static_rendition.deleted: only someone else deletes our MP4, and reports
            // only add to a video's media (MediaInventory), so it is ignored like other types.
            default -> Optional.empty();
        };
    }

    /** What an API answer about an asset ({@code {"data": asset}}) means; empty while it has no news. */
    Optional<ProviderUpdate> fromAsset(JsonObject answer) {
        return assetByStatus(null, answer, answer.getJsonObject("data"), null);
    }

    /** What an API answer about an upload means, for an upload that has no asset yet. */
    Optional<ProviderUpdate> fromUpload(JsonObject upload) {
        return switch (upload.getString("status", "")) {
            case "cancelled", "timed_out" -> Optional.of(uploadUpdate(null, upload, ProviderState.GONE, null, null));
            case "errored" -> Optional.of(uploadUpdate(null, upload, ProviderState.ERRORED, uploadError(upload), null));
            case "asset_created" -> Optional.of(uploadUpdate(null, upload, ProviderState.PROCESSING, null, null));
            default -> Optional.empty();
        };
    }

    private Optional<ProviderUpdate> assetByStatus(String eventId, JsonObject root, JsonObject asset, Instant at) {
        String status = pointer(root, fields.statusPointer()).orElse("");
        if (status.equals(fields.readyValue())) {
            return Optional.of(assetUpdate(eventId, root, asset, ProviderState.READY, at));
        }
        return switch (status) {
            case "errored" -> Optional.of(assetUpdate(eventId, root, asset, ProviderState.ERRORED, at));
            case "preparing" -> Optional.of(assetUpdate(eventId, root, asset, ProviderState.PROCESSING, at));
            default -> Optional.empty();
        };
    }

    /**
     * A {@code video.asset.static_rendition.*} event: its data is the static rendition, with
     * {@code asset_id} and the {@code passthrough} we gave it (our video id). Other static
     * renditions than our MP4 (made elsewhere, e.g. in Mux's dashboard) are ignored.
     */
    private Optional<ProviderUpdate> staticRendition(String eventId, JsonObject event, JsonObject rendition,
                                                     DownloadState state, Instant at) {
        if (!MuxStaticRendition.isOurs(rendition)) {
            return Optional.empty();
        }
        String assetId = rendition.getString("asset_id", null);
        if (assetId == null && event.get("object") instanceof JsonObject object && "asset".equals(object.getString("type", null))) {
            assetId = object.getString("id", null);
        }
        return Optional.of(ProviderUpdate.from(MUX).event(EventKey.ofNullable(eventId))
                .video(passthrough(rendition.getString("passthrough", null)))
                .asset(AssetId.of(id(assetId, "asset id")))
                .mediaChanged(new MediaInventory(List.of(), state, false), at));
    }

    /**
     * A {@code video.asset.track.*} event: its data is the track, with {@code asset_id} and the
     * {@code passthrough} we gave it (our ref of that track version). Only text tracks are ours;
     * a track without our passthrough (added elsewhere, e.g. in Mux's dashboard) still matches
     * by its id, and matches nothing when it is not one of ours.
     */
    private Optional<ProviderUpdate> track(String eventId, JsonObject event, JsonObject track, TrackReport.State state,
                                           Instant at) {
        if (!"text".equals(track.getString("type", null))) {
            return Optional.empty();
        }
        String assetId = track.getString("asset_id", null);
        if (assetId == null && event.get("object") instanceof JsonObject object && "asset".equals(object.getString("type", null))) {
            assetId = object.getString("id", null);
        }
        String ref = track.getString("passthrough", null);
        if (ref != null && !MuxCaptionTracks.REF.matcher(ref).matches()) {
            ref = null;
        }
        String reason = state == TrackReport.State.ERRORED ? trackError(track) : null;
        return Optional.of(ProviderUpdate.from(MUX).event(EventKey.ofNullable(eventId))
                .asset(assetId != null && ID.matcher(assetId).matches() ? AssetId.of(assetId) : null)
                .trackChanged(new TrackReport(id(track.getString("id", null), "track id"), ref, state, reason), at));
    }

    /** A track's error, as an asset's: {@code {"type": "...", "messages": ["..."]}}. */
    private static String trackError(JsonObject track) {
        if (track.get("error") instanceof JsonObject || track.get("errors") instanceof JsonObject) {
            JsonObject errors = track.get("error") instanceof JsonObject e ? e : track.getJsonObject("errors");
            String messages = errors.get("messages") instanceof JsonArray list
                    ? list.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString())
                    .collect(Collectors.joining("; "))
                    : "";
            return messages.isBlank() ? errors.getString("type", "Mux could not use the caption file") : messages;
        }
        return "Mux could not use the caption file";
    }

    private ProviderUpdate assetUpdate(String eventId, JsonObject root, JsonObject asset, ProviderState state, Instant at) {
        AssetId assetId = AssetId.of(id(asset.getString("id", null), "asset id"));
        ProviderUpdate.Builder update = ProviderUpdate.from(MUX).event(EventKey.ofNullable(eventId))
                .video(passthrough(asset.getString("passthrough", null)))
                .upload(pointer(root, fields.uploadIdPointer()).map(v -> UploadId.of(id(v, "upload id"))).orElse(null))
                .asset(assetId);
        return switch (state) {
            case READY -> update.media(MuxMediaInventory.of(asset)).ready(readyDetails(root, asset, assetId), at);
            case ERRORED -> update.errored(assetError(asset), at);
            case PROCESSING -> update.processing(at);
            case GONE -> update.gone(at);
            case MEDIA, TRACK -> throw new IllegalStateException("media and track changes are read from their own events");
        };
    }

    private ProviderUpdate uploadUpdate(String eventId, JsonObject upload, ProviderState state, String reason, Instant at) {
        ProviderUpdate.Builder update = ProviderUpdate.from(MUX).event(EventKey.ofNullable(eventId))
                .upload(UploadId.of(id(upload.getString("id", null), "upload id")))
                .asset(upload.containsKey("asset_id") && !upload.isNull("asset_id")
                        ? AssetId.of(id(upload.getString("asset_id"), "asset id")) : null)
                .video(upload.get("new_asset_settings") instanceof JsonObject settingsObject
                        ? passthrough(settingsObject.getString("passthrough", null)) : null);
        return switch (state) {
            case ERRORED -> update.errored(reason, at);
            case PROCESSING -> update.processing(at);
            case GONE -> update.gone(at);
            case READY, MEDIA, TRACK -> throw new IllegalStateException("an upload is never ready; its asset is");
        };
    }

    /**
     * The provider's plain playback and thumbnail URLs only for a public playback id: with a
     * signed one Mux refuses them, so none is kept (the API signs on request instead).
     */
    private ReadyDetails readyDetails(JsonObject root, JsonObject asset, AssetId assetId) {
        String playbackId = pointer(root, fields.playbackIdPointer()).map(v -> id(v, "playback id"))
                .orElseThrow(() -> new IllegalArgumentException("a ready asset has no playback id"));
        Map<String, String> values = Map.of("playback_id", playbackId);
        boolean open = publicPlayback(asset, playbackId);
        URI extUrl = open ? fields.playbackTemplate().expand(values) : null;
        URI thumbnail = open ? fields.thumbnailTemplate().expand(values) : null;
        Double duration = asset.get("duration") instanceof JsonNumber n ? n.doubleValue() : null;
        String aspectRatio = asset.getString("aspect_ratio", null);
        if (aspectRatio != null && !aspectRatio.matches("\\d{1,5}:\\d{1,5}")) {
            aspectRatio = null;
        }
        return new ReadyDetails(assetId, PlaybackId.of(playbackId), extUrl, thumbnail, duration, aspectRatio);
    }

    /** Public by configuration, unless the asset says this playback id has another policy. */
    private boolean publicPlayback(JsonObject asset, String playbackId) {
        if (fields.signedPlayback()) {
            return false;
        }
        if (asset.get("playback_ids") instanceof JsonArray ids) {
            for (JsonValue value : ids) {
                if (value instanceof JsonObject id && playbackId.equals(id.getString("id", null))) {
                    return "public".equals(id.getString("policy", null));
                }
            }
        }
        return true;
    }

    /** Mux's asset errors: {@code {"type": "...", "messages": ["..."]}}. */
    private static String assetError(JsonObject asset) {
        if (asset.get("errors") instanceof JsonObject errors) {
            String messages = errors.get("messages") instanceof JsonArray list
                    ? list.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString())
                    .collect(Collectors.joining("; "))
                    : "";
            if (!messages.isBlank()) {
                return messages;
            }
            return errors.getString("type", "Mux reported an error");
        }
        return "Mux reported an error";
    }

    /** Mux's upload error: {@code {"type": "...", "message": "..."}}. */
    private static String uploadError(JsonObject upload) {
        if (upload.get("error") instanceof JsonObject error) {
            return error.getString("message", error.getString("type", "the upload failed at Mux"));
        }
        return "the upload failed at Mux";
    }

    private static Optional<String> pointer(JsonObject root, String pointer) {
        try {
            JsonValue value = JSON.createPointer(pointer).getValue(root);
            return value instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static VideoId passthrough(String value) {
        return value != null && VIDEO_ID.matcher(value).matches() ? VideoId.of(value) : null;
    }

    private static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("the " + what + " is missing or malformed");
        }
        return value;
    }

    private static String requiredString(JsonObject object, String key) {
        if (!(object.get(key) instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 255) {
            throw new IllegalArgumentException("the event has no " + key);
        }
        return s.getString();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return IsoInstants.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static List<ProviderUpdate> asList(Optional<ProviderUpdate> update) {
        return update.map(List::of).orElse(List.of());
    }
}
