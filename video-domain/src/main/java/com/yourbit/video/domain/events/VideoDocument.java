package com.yourbit.video.domain.events;

import com.yourbit.video.api.MediaInventory;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoStatus;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.time.Instant;

/**
 * A video as API.md shows it, for the {@code data} of an event: the same fields and values as
 * the API's video JSON (web's VideoResponse; a test there holds the two to the same output).
 * Built here because an event is written in the transaction of its change, in the domain.
 */
public final class VideoDocument {

    /** Looked up once: {@code Json.create*} scans the modules for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private VideoDocument() {
    }

    public static JsonObject of(Video v) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        text(json, "id", v.getId());
        text(json, "title", v.getTitle());
        text(json, "provider", v.getProvider().value());
        text(json, "status", v.getStatus().wireName());
        text(json, "uploadId", v.getUploadId());
        text(json, "playbackId", v.getPlaybackId());
        text(json, "thumbnailUrl", v.getThumbnail());
        if (v.getDurationSeconds() == null) {
            json.addNull("durationSeconds");
        } else {
            json.add("durationSeconds", v.getDurationSeconds());
        }
        text(json, "aspectRatio", v.getAspectRatio());
        time(json, "createdAt", v.getCreatedAt());
        time(json, "updatedAt", v.getUpdatedAt());
        time(json, "readyAt", v.getReadyAt());
        text(json, "errorReason", v.getStatus() == VideoStatus.ERRORED ? v.getErrorReason() : null);
        text(json, "filename", v.getSourceFilename());
        text(json, "filetype", v.getSourceFiletype());
        if (v.awaitsUpload()) {
            JsonObjectBuilder upload = JSON.createObjectBuilder();
            text(upload, "url", v.getUploadUrl());
            text(upload, "protocol", v.getUploadProtocol());
            time(upload, "expiresAt", v.getUploadExpiresAt());
            json.add("upload", upload);
        } else {
            json.addNull("upload");
        }
        MediaInventory media = v.media();
        JsonArrayBuilder renditions = JSON.createArrayBuilder();
        for (Rendition r : media.renditions()) {
            JsonObjectBuilder rendition = JSON.createObjectBuilder();
            text(rendition, "name", r.name());
            number(rendition, "width", r.width());
            number(rendition, "height", r.height());
            number(rendition, "bitrate", r.bitrate());
            renditions.add(rendition);
        }
        json.add("renditions", renditions);
        json.add("download", media.download().wireName());
        json.add("storyboard", media.storyboard());
        return json.build();
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder json, String name, Instant value) {
        text(json, name, value == null ? null : value.toString());
    }

    private static void number(JsonObjectBuilder json, String name, Number value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.longValue());
        }
    }
}
