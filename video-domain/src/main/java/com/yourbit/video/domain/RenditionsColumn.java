package com.yourbit.video.domain;

import com.yourbit.video.api.Rendition;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A video's renditions in one text column, as a JSON array
 * ({@code [{"name":"720p","width":1280,"height":720,"bitrate":2400000}]}): they are read and
 * written with the video and never queried, so a table of their own would only cost a join.
 */
@Converter
public class RenditionsColumn implements AttributeConverter<List<Rendition>, String> {

    /** Looked up once: each {@code Json.create*} call looks the provider up anew, on every load of a video. */
    private static final JsonProvider JSON = JsonProvider.provider();


    @Override
    public String convertToDatabaseColumn(List<Rendition> renditions) {
        if (renditions == null || renditions.isEmpty()) {
            return null;
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Rendition r : renditions) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("name", r.name());
            if (r.width() != null) {
                o.add("width", r.width());
            }
            if (r.height() != null) {
                o.add("height", r.height());
            }
            if (r.bitrate() != null) {
                o.add("bitrate", r.bitrate());
            }
            array.add(o);
        }
        return array.build().toString();
    }

    @Override
    public List<Rendition> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        JsonArray array;
        try (JsonReader reader = JSON.createReader(new StringReader(column))) {
            array = reader.readArray();
        }
        List<Rendition> renditions = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject o = value.asJsonObject();
            renditions.add(new Rendition(o.getString("name"), integer(o, "width"), integer(o, "height"),
                    o.containsKey("bitrate") ? o.getJsonNumber("bitrate").longValue() : null));
        }
        return List.copyOf(renditions);
    }

    private static Integer integer(JsonObject o, String key) {
        JsonNumber n = o.getJsonNumber(key);
        return n == null ? null : n.intValue();
    }
}
