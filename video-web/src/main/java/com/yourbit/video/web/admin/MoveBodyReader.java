package com.yourbit.video.web.admin;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the small bodies of the move calls strictly: one JSON object of known fields, each at
 * most once, each a string (or for {@code limit} a whole number); anything else is a 400
 * naming the field. Nested values are refused where they open.
 */
final class MoveBodyReader {

    private static final int MAX_ECHOED_NAME = 64;

    private MoveBodyReader() {
    }

    /** The fields read: strings by name, and {@code limit} as an Integer when present. */
    static Map<String, Object> read(InputStream body, Set<String> strings, Set<String> numbers) {
        var utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (JsonParser parser = Json.createParser(new InputStreamReader(body, utf8))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw invalid("the request body must be a JSON object");
            }
            Map<String, Object> fields = new HashMap<>();
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String name = parser.getString();
                if (fields.containsKey(name)) {
                    throw invalid("the field " + echo(name) + " appears more than once");
                }
                JsonParser.Event value = parser.next();
                if (strings.contains(name)) {
                    if (value != JsonParser.Event.VALUE_STRING) {
                        throw invalid("the field \"" + name + "\" must be a string");
                    }
                    fields.put(name, parser.getString());
                } else if (numbers.contains(name)) {
                    if (value != JsonParser.Event.VALUE_NUMBER || !parser.isIntegralNumber()) {
                        throw invalid("the field \"" + name + "\" must be a whole number");
                    }
                    long number = parser.getBigDecimal().max(java.math.BigDecimal.valueOf(Integer.MIN_VALUE))
                            .min(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)).longValue();
                    fields.put(name, (int) number);
                } else {
                    throw invalid("unknown field " + echo(name));
                }
            }
            if (parser.hasNext()) {
                throw invalid("content after the JSON object");
            }
            return fields;
        } catch (VideoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
    }

    private static String echo(String name) {
        String shown = name.length() > MAX_ECHOED_NAME ? name.substring(0, MAX_ECHOED_NAME) + "…" : name;
        return "\"" + shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "\"";
    }

    private static RuntimeException unreadable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException refusal) {
                return refusal; // e.g. the body was too large: that answer stands
            }
            if (t instanceof CharacterCodingException) {
                return new VideoException(ErrorCode.INVALID_JSON, "the request body is not UTF-8");
            }
            if (t instanceof IOException io) {
                return new ProcessingException("the request body could not be read", io);
            }
        }
        return new VideoException(ErrorCode.INVALID_JSON, "the request body is not valid JSON");
    }

    private static VideoException invalid(String message) {
        return new VideoException(ErrorCode.INVALID_REQUEST, message);
    }
}
