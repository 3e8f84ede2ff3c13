package com.yourbit.video.web.api;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/videos} strictly, where JSON-B would coerce: one JSON
 * object whose fields are {@code title} and {@code provider}, each a string or null, and
 * {@code source}, an object whose one field {@code url} is a string (or null: no source), each
 * at most once. Anything else is a 400 naming the field; what the URL says is the domain's to judge (422). A nested value is refused where it
 * opens, so the depth of what follows never matters. An empty body means all defaults.
 */
final class CreateVideoRequestReader {

    /** Looked up once: {@code Json.create*} scans the modules for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final int MAX_ECHOED_NAME = 64;

    private CreateVideoRequestReader() {
    }

    static CreateVideoRequest read(InputStream body) {
        try {
            PushbackInputStream in = new PushbackInputStream(body, 1);
            int first = in.read();
            if (first < 0) {
                return new CreateVideoRequest(null, null);
            }
            in.unread(first);
            // JSON over HTTP is UTF-8 (RFC 8259); bytes that are not UTF-8 are refused, not replaced.
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try (JsonParser parser = JSON.createParser(new InputStreamReader(in, utf8))) {
                return read(parser);
            }
        } catch (VideoException e) {
            throw e;
        } catch (IOException e) {
            throw new ProcessingException("the request body could not be read", e);
        } catch (RuntimeException e) { // JsonParsingException, and whatever else the parser refuses with
            throw unreadable(e);
        }
    }

    private static CreateVideoRequest read(JsonParser parser) {
        if (parser.next() != JsonParser.Event.START_OBJECT) {
            throw invalid("the request body must be a JSON object such as {\"title\": \"Holiday\"}");
        }
        String title = null;
        String provider = null;
        CreateVideoRequest.Source source = null;
        Set<String> seen = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (!seen.add(name)) {
                throw invalid("the field " + echo(name) + " appears more than once");
            }
            switch (name) {
                case "title" -> title = stringOrNull(parser, name);
                case "provider" -> provider = stringOrNull(parser, name);
                case "source" -> source = source(parser);
                default -> throw invalid("unknown field " + echo(name)
                        + "; a video takes \"title\", \"provider\" and \"source\"");
            }
        }
        if (parser.hasNext()) { // Parsson refuses content after the object here; any other parser too
            throw new JsonException("content after the JSON object");
        }
        return new CreateVideoRequest(title, provider, source);
    }

    /** {@code {"url": "…"}}, or null; the object takes nothing else. */
    private static CreateVideoRequest.Source source(JsonParser parser) {
        JsonParser.Event start = parser.next();
        if (start == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (start != JsonParser.Event.START_OBJECT) {
            throw invalid("the field \"source\" must be an object such as {\"url\": \"https://example.com/video.mp4\"}");
        }
        String url = null;
        boolean seen = false;
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (!name.equals("url")) {
                throw invalid("unknown field " + echo(name) + " in \"source\"; it takes \"url\"");
            }
            if (seen) {
                throw invalid("the field \"url\" appears more than once in \"source\"");
            }
            seen = true;
            if (parser.next() != JsonParser.Event.VALUE_STRING) {
                throw invalid("the field \"source.url\" must be a string");
            }
            url = parser.getString();
        }
        if (url == null) {
            throw invalid("the field \"source\" needs a \"url\"");
        }
        return new CreateVideoRequest.Source(url);
    }

    private static String stringOrNull(JsonParser parser, String name) {
        return switch (parser.next()) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NULL -> null;
            default -> throw invalid("the field \"" + name + "\" must be a string");
        };
    }

    /** A client's field name in a message: quoted, shortened, printable. */
    private static String echo(String name) {
        String shown = name.length() > MAX_ECHOED_NAME ? name.substring(0, MAX_ECHOED_NAME) + "…" : name;
        return "\"" + shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "\"";
    }

    private static RuntimeException unreadable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException refusal) {
                return refusal; // the body's reading was refused (e.g. too large): that answer stands
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
