package com.yourbit.video.providers.mux;

import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.VideoId;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.Optional;

/**
 * The one MP4 this service asks Mux for: a static rendition at the {@code highest} resolution,
 * which Mux names {@code highest.mp4} (mux.com/docs/guides/enable-static-mp4-renditions; the
 * deprecated {@code mp4_support} is not used). It is requested with every new asset and, for an
 * asset made before, when its download is first asked for
 * (mux.com/docs/api-reference/video/assets/create-asset-static-rendition). Its {@code passthrough}
 * is our video id, so that its webhooks name the video even before the asset is known.
 *
 * <p>Mux's statuses of a static rendition ({@code static_renditions.files[].status} of the asset,
 * {@code data.status} of the {@code video.asset.static_rendition.*} webhooks): {@code preparing}
 * (asset not ingested yet, or the file is being made), {@code ready}, {@code errored} (it could
 * not be made, e.g. the input could not be ingested) and {@code skipped} (the resolution asked
 * for conflicts with the asset, so it will never be made).
 */
final class MuxStaticRendition {

    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String RESOLUTION = "highest";
    static final String NAME = "highest.mp4";

    /** What to do about the MP4 when a client asks to download it. */
    enum Next {
        /** It is there. */
        SERVE(DownloadState.READY),
        /** Mux is making it: wait. */
        WAIT(DownloadState.PREPARING),
        /** None was asked for (an asset made before MP4s were requested): ask for one. */
        REQUEST(DownloadState.PREPARING),
        /** The last attempt errored: remove it and ask again. */
        RETRY(DownloadState.PREPARING),
        /** Mux skipped it for this asset (e.g. no video to make an MP4 of): asking again changes nothing. */
        GIVE_UP(DownloadState.ERRORED);

        /** Where the download stands once this is done. */
        final DownloadState state;

        Next(DownloadState state) {
            this.state = state;
        }
    }

    private MuxStaticRendition() {
    }

    /** The element of {@code static_renditions} (at creation) or the body of the create call. */
    static JsonObject request(VideoId videoId) {
        return JSON.createObjectBuilder().add("resolution", RESOLUTION).add("passthrough", videoId.value()).build();
    }

    /** Ours among the asset's {@code static_renditions.files}; empty when there is none. */
    static Optional<JsonObject> in(JsonObject asset) {
        if (!(asset.get("static_renditions") instanceof JsonObject renditions)
                || renditions.get("files") == null || renditions.get("files").getValueType() != JsonValue.ValueType.ARRAY) {
            return Optional.empty();
        }
        return renditions.getJsonArray("files").stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .filter(MuxStaticRendition::isOurs)
                .findFirst();
    }

    /** Whether a static rendition (of an asset, or a webhook's data) is the MP4 we serve. */
    static boolean isOurs(JsonObject rendition) {
        return NAME.equals(rendition.getString("name", null));
    }

    /** The asset's MP4 as a download state: {@code NONE} when it has none. */
    static DownloadState state(JsonObject asset) {
        return in(asset).map(MuxStaticRendition::stateOf).orElse(DownloadState.NONE);
    }

    /**
     * One static rendition's status; an unknown one reads as {@code preparing}, so it is asked
     * about again rather than trusted or given up.
     */
    static DownloadState stateOf(JsonObject rendition) {
        return switch (rendition.getString("status", "")) {
            case "ready" -> DownloadState.READY;
            case "errored", "skipped" -> DownloadState.ERRORED;
            default -> DownloadState.PREPARING;
        };
    }

    /** What to do for a download, from the asset as Mux answers it now. */
    static Next next(JsonObject asset) {
        Optional<JsonObject> ours = in(asset);
        if (ours.isEmpty()) {
            return Next.REQUEST;
        }
        return switch (ours.get().getString("status", "")) {
            case "ready" -> Next.SERVE;
            case "errored" -> Next.RETRY;
            case "skipped" -> Next.GIVE_UP;
            default -> Next.WAIT;
        };
    }

    /** The id Mux gave the rendition (needed to delete it), when it is one of ours. */
    static Optional<String> id(JsonObject rendition) {
        String id = rendition.getString("id", null);
        return id != null && MuxUpdateReader.ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
