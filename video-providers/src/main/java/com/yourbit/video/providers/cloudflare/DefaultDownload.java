package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.DownloadState;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Optional;

/**
 * The video's MP4 as {@code POST|GET /accounts/{account}/stream/{uid}/downloads} reports it:
 * {@code result.default} with {@code status} ({@code inprogress}, {@code ready} or
 * {@code error}) and {@code percentComplete}
 * (developers.cloudflare.com/stream/viewing-videos/download-videos). Cloudflare's API reference
 * shows the POST answer without the {@code default} level ({@code result.status} …) while the
 * guide and the GET answer have it; both shapes are read.
 *
 * @param percentComplete 0 to 100, {@code null} when not said
 */
record DefaultDownload(DownloadState state, Double percentComplete) {

    /** @return empty when the result names no download status this service knows */
    static Optional<DefaultDownload> from(JsonObject result) {
        JsonValue nested = result.get("default");
        JsonObject download = nested instanceof JsonObject object ? object : result;
        Optional<DownloadState> state = switch (download.getString("status", "")) {
            case "inprogress" -> Optional.of(DownloadState.PREPARING);
            case "ready" -> Optional.of(DownloadState.READY);
            case "error" -> Optional.of(DownloadState.ERRORED);
            default -> Optional.empty();
        };
        JsonValue percent = download.get("percentComplete");
        Double complete = percent instanceof JsonNumber number ? number.doubleValue() : null;
        return state.map(s -> new DefaultDownload(s, complete));
    }
}
