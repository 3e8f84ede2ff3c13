package com.yourbit.video.providers.common;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.Optional;

/**
 * Reads action-map JSON Pointers (RFC 6901, e.g. {@code /status/state}) from a provider's
 * JSON. A pointer that leads nowhere, or to JSON null, reads as empty instead of failing:
 * providers leave fields out.
 */
public final class JsonPointers {

    /** Looked up once: {@code Json.createPointer} looks the provider up anew on every call (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonPointers() {
    }

    public static Optional<JsonValue> value(JsonStructure json, String pointer) {
        if (pointer == null || pointer.isBlank()) {
            return Optional.empty();
        }
        try {
            var p = JSON.createPointer(pointer);
            if (!p.containsValue(json)) {
                return Optional.empty();
            }
            JsonValue value = p.getValue(json);
            return value.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(value);
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** A string, or a number or boolean rendered as text. */
    public static Optional<String> text(JsonStructure json, String pointer) {
        return value(json, pointer).flatMap(v -> switch (v.getValueType()) {
            case STRING -> Optional.of(((JsonString) v).getString());
            case NUMBER -> Optional.of(v.toString());
            case TRUE -> Optional.of("true");
            case FALSE -> Optional.of("false");
            default -> Optional.empty();
        }).filter(s -> !s.isEmpty());
    }

    public static Optional<Double> number(JsonStructure json, String pointer) {
        return value(json, pointer).flatMap(v -> {
            if (v instanceof JsonNumber n) {
                return Optional.of(n.doubleValue());
            }
            if (v instanceof JsonString s) {
                try {
                    return Optional.of(Double.parseDouble(s.getString()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        });
    }

    public static boolean isTrue(JsonStructure json, String pointer) {
        return value(json, pointer).map(v -> v.getValueType() == JsonValue.ValueType.TRUE).orElse(false);
    }
}
