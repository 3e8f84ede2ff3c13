package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.providers.common.ProviderClock;
import com.yourbit.video.providers.common.ProviderHttpFailures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Calls the Stream API and checks Cloudflare's envelope: a call succeeded only when the HTTP
 * status is 2xx and {@code success} is true. Every failure becomes a
 * {@link ProviderUnavailableException} whose message holds no secret and no provider body.
 * One REST client serves the configured API URL and timeout: a change of either closes it
 * and builds the next, and the last is closed with the application.
 */
@ApplicationScoped
public class CloudflareClient {

    static final String PROVIDER = "Cloudflare Stream";
    private static final Logger LOG = Logger.getLogger(CloudflareClient.class.getName());
    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String TUS_VERSION = "1.0.0";
    /** Account ids and video uids are hex strings; anything else never reaches a URL. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    @Inject
    @ProviderClock
    Clock clock;

    /** What the REST client was built for. */
    private record Target(URI apiUrl, Duration timeout) {
    }

    private Target target;
    private CloudflareApi api;

    /** What {@code POST /stream?direct_user=true} answered. */
    public record TusUpload(URI location, String uid) {
    }

    /** {@code result} of {@code POST /accounts/{account}/stream/direct_upload}. */
    public JsonObject directUpload(CloudflareSettings settings, JsonObject body) {
        return call(settings, "direct upload", api -> api.directUpload(bearer(settings), account(settings), body.toString()))
                .orElseThrow(() -> ProviderHttpFailures.fromStatus(PROVIDER, "direct upload", 404, null, clock.instant()));
    }

    /** {@code result} of {@code POST /accounts/{account}/stream/copy}: the new video object. */
    public JsonObject copy(CloudflareSettings settings, JsonObject body) {
        return call(settings, "copy from a URL", api -> api.copy(bearer(settings), account(settings), body.toString()))
                .orElseThrow(() -> ProviderHttpFailures.fromStatus(PROVIDER, "copy from a URL", 404, null, clock.instant()));
    }

    public TusUpload createTusUpload(CloudflareSettings settings, long length, String metadata) {
        String action = "tus upload";
        Response response = invoke(settings, action, api -> api.createTusUpload(bearer(settings), account(settings),
                true, TUS_VERSION, length, metadata));
        try (response) {
            if (response.getStatus() != 201) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                throw failure(action, response, body);
            }
            String location = response.getHeaderString("Location");
            String uid = response.getHeaderString("stream-media-id");
            if (location == null || uid == null || !ID.matcher(uid).matches()) {
                throw ProviderHttpFailures.unreadable(PROVIDER, action);
            }
            return new TusUpload(URI.create(location), uid);
        } catch (IllegalArgumentException e) {
            throw ProviderHttpFailures.unreadable(PROVIDER, action);
        }
    }

    /** The video object; empty when Cloudflare does not know the uid (404). */
    public Optional<JsonObject> video(CloudflareSettings settings, String uid) {
        return call(settings, "video details", api -> api.video(bearer(settings), account(settings), id(uid)));
    }

    /** Deletes the video; one that is already gone is not an error. */
    public void delete(CloudflareSettings settings, String uid) {
        call(settings, "delete", api -> api.delete(bearer(settings), account(settings), id(uid)));
    }

    /**
     * {@code result} of {@code POST /stream/{uid}/downloads}: the MP4's state. A video Cloudflare
     * does not know (404) is a refusal like any other: this service asks only for ready videos.
     */
    public JsonObject createDownloads(CloudflareSettings settings, String uid) {
        String action = "create download";
        return call(settings, action, api -> api.createDownloads(bearer(settings), account(settings), id(uid), "{}"))
                .orElseThrow(() -> ProviderHttpFailures.fromStatus(PROVIDER, action, 404, null, clock.instant()));
    }

    /** Removes the video's downloads; none there is not an error. */
    public void deleteDownloads(CloudflareSettings settings, String uid) {
        call(settings, "delete download", api -> api.deleteDownloads(bearer(settings), account(settings), id(uid)));
    }

    /**
     * {@code result} of the caption upload: the caption as Cloudflare now has it. The language
     * is a well-formed BCP 47 tag (letters, digits, '-'), safe in a path segment.
     */
    public JsonObject putCaption(CloudflareSettings settings, String uid, String language, byte[] webVtt) {
        String action = "upload captions";
        EntityPart file;
        try {
            file = EntityPart.withName("file").fileName(language + ".vtt").mediaType("text/vtt")
                    .content(new java.io.ByteArrayInputStream(webVtt)).build();
        } catch (java.io.IOException e) {
            throw ProviderHttpFailures.unreadable(PROVIDER, action);
        }
        return call(settings, action, api -> api.putCaption(bearer(settings), account(settings), id(uid), tag(language),
                List.of(file)))
                .orElseThrow(() -> ProviderHttpFailures.fromStatus(PROVIDER, action, 404, null, clock.instant()));
    }

    /** Removes one language's captions; none there is not an error. */
    public void deleteCaption(CloudflareSettings settings, String uid, String language) {
        call(settings, "delete captions", api -> api.deleteCaption(bearer(settings), account(settings), id(uid), tag(language)));
    }

    private static String tag(String language) {
        if (language == null || !language.matches("[A-Za-z0-9-]{1,64}")) {
            throw new ProviderUnavailableException(PROVIDER + " caption language is not well-formed", false, null, null);
        }
        return language;
    }

    private Optional<JsonObject> call(CloudflareSettings settings, String action, Function<CloudflareApi, Response> request) {
        Response response = invoke(settings, action, request);
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            int status = response.getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            if (status < 200 || status > 299) {
                throw failure(action, response, body);
            }
            if (body.isBlank()) {
                return Optional.of(JsonValue.EMPTY_JSON_OBJECT); // DELETE answers 200 with no body
            }
            JsonObject envelope = parse(body).orElseThrow(() -> ProviderHttpFailures.unreadable(PROVIDER, action));
            if (!envelope.getBoolean("success", false)) {
                LOG.warning(() -> PROVIDER + " answered " + status + " with success=false to " + action + ": " + errorCodes(envelope));
                throw ProviderHttpFailures.refused(PROVIDER, action);
            }
            JsonValue result = envelope.get("result");
            return Optional.of(result instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
        } catch (ProcessingException e) {
            throw ProviderHttpFailures.unreachable(PROVIDER, action, e);
        }
    }

    private Response invoke(CloudflareSettings settings, String action, Function<CloudflareApi, Response> request) {
        try {
            return request.apply(api(settings));
        } catch (ProcessingException e) {
            LOG.log(Level.FINE, PROVIDER + " unreachable for " + action, e);
            throw ProviderHttpFailures.unreachable(PROVIDER, action, e);
        } catch (WebApplicationException e) {
            try (Response response = e.getResponse()) {
                throw failure(action, response, "");
            }
        }
    }

    private ProviderUnavailableException failure(String action, Response response, String body) {
        int status = response.getStatus();
        LOG.warning(() -> PROVIDER + " answered HTTP " + status + " to " + action + parse(body).map(e -> ": " + errorCodes(e)).orElse(""));
        return ProviderHttpFailures.fromStatus(PROVIDER, action, status, response.getHeaderString("Retry-After"), clock.instant());
    }

    /** Cloudflare's error codes and messages name the problem, never our token. */
    private static String errorCodes(JsonObject envelope) {
        JsonValue errors = envelope.get("errors");
        return errors == null ? "no errors listed" : errors.toString();
    }

    private static Optional<JsonObject> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private synchronized CloudflareApi api(CloudflareSettings settings) {
        Target wanted = new Target(settings.apiUrl(), settings.timeout());
        if (!wanted.equals(target)) {
            closeClient();
            api = build(wanted.apiUrl(), wanted.timeout());
            target = wanted;
        }
        return api;
    }

    private static CloudflareApi build(URI baseUri, Duration timeout) {
        return RestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(CloudflareApi.class);
    }

    private static String bearer(CloudflareSettings settings) {
        return "Bearer " + settings.apiToken().orElseThrow(() -> notConfigured("API token"));
    }

    private static String account(CloudflareSettings settings) {
        return id(settings.accountId().orElseThrow(() -> notConfigured("account id")));
    }

    private static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ProviderUnavailableException(PROVIDER + " id is not well-formed", false, null, null);
        }
        return value;
    }

    private static ProviderUnavailableException notConfigured(String what) {
        return new ProviderUnavailableException(PROVIDER + " " + what + " is not configured", false, null, null);
    }

    @PreDestroy
    synchronized void stop() {
        closeClient();
    }

    private void closeClient() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing the Cloudflare REST client", e);
            }
        }
        api = null;
        target = null;
    }
}
