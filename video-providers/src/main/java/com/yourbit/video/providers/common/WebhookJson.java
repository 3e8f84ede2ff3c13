package com.yourbit.video.providers.common;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;

/**
 * Reads a webhook body as a JSON object. Provider events nest a few levels; a body nested
 * deeper than {@link #MAX_DEPTH} is refused by a scan of its bytes before any parsing (the
 * parser's own limit, 1000 levels, fails with an unchecked exception of no JSON type).
 */
public final class WebhookJson {

    public static final int MAX_DEPTH = 32;

    /** Looked up once: {@code Json.createParser} looks the provider up anew on every call (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private WebhookJson() {
    }

    /**
     * @throws IllegalArgumentException with a message fit for the sender when the body is
     *                                  nested too deep, is not JSON, or is not one object
     */
    public static JsonObject readObject(byte[] body) {
        if (JsonNesting.exceeds(body, MAX_DEPTH)) {
            throw new IllegalArgumentException("the body nests JSON deeper than " + MAX_DEPTH + " levels");
        }
        JsonValue value;
        boolean more;
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(body))) {
            parser.next();
            value = parser.getValue();
            more = parser.hasNext(); // Parsson refuses content after the value here
        } catch (RuntimeException e) { // JsonException, and whatever else the parser refuses with
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (more) {
            throw new IllegalArgumentException("the body is not one JSON value");
        }
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        return object;
    }
}
