package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.captions.CaptionTrack;
import com.yourbit.video.api.captions.TrackAdded;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.util.regex.Pattern;

/**
 * Mux text tracks (mux.com/docs/api-reference/video/assets/create-asset-track): Mux takes no
 * upload of a track, it downloads the file from {@code url} (this service's signed, expiring
 * caption URL) and reports with {@code video.asset.track.ready} or {@code .errored}. The
 * track's {@code passthrough} is our ref of the version, so those webhooks name it even before
 * Mux's answer with the track id was recorded. {@code name} is what players list; Mux wants it
 * unique among an asset's subtitle tracks, and ours are one per language, labelled as the user chose.
 */
final class MuxCaptionTracks {

    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Our refs are UUIDs. */
    static final Pattern REF = Pattern.compile("[0-9a-f-]{36}");

    private MuxCaptionTracks() {
    }

    static JsonObject request(CaptionTrack track) {
        return JSON.createObjectBuilder()
                .add("url", track.fetchUrl().toString())
                .add("type", "text")
                .add("text_type", "subtitles")
                .add("language_code", track.lang().value())
                .add("name", track.label())
                .add("closed_captions", false)
                .add("passthrough", track.ref())
                .build();
    }

    /** Mux's answer: the track, preparing (a track Mux already had ready would say so). */
    static TrackAdded added(JsonObject track) {
        String id = track.getString("id", null);
        if (id == null || !MuxUpdateReader.ID.matcher(id).matches()) {
            throw MuxFailures.unexpectedAnswer("add a text track");
        }
        return new TrackAdded(id, "ready".equals(track.getString("status", "")));
    }

    static ProviderUnavailableException assetGone() {
        return new ProviderUnavailableException("Mux no longer has the asset of this video", false, null, null);
    }
}
