package com.yourbit.video.providers.mux;

import com.yourbit.video.api.ProviderUnavailableException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.io.StringReader;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls Mux's API through the {@link MuxApi} REST client and reads its envelopes: the
 * {@code data} of a success, or a {@link ProviderUnavailableException} for anything else.
 * The REST client is rebuilt only when the base URL, timeouts or credentials change; the one
 * replaced is closed, and the owner closes the last one.
 */
final class MuxApiClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MuxApiClient.class.getName());
    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Mux's documented 404 for an id it does not know. */
    private static final int NOT_FOUND = 404;

    private final Connection connection;
    private final Clock clock;
    private final MuxApi api;

    private MuxApiClient(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
        this.api = RestClientBuilder.newBuilder()
                .baseUri(connection.settings.apiUrl())
                .connectTimeout(connection.settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(connection.settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Every status is read by this class; the default mapper would throw for 4xx/5xx.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new MuxBasicAuth(connection.tokenId, connection.tokenSecret))
                .build(MuxApi.class);
    }

    /** This client if it still fits the settings, else a new one (and this one closed). */
    static MuxApiClient forSettings(MuxApiClient current, MuxSettings settings, Clock clock) {
        MuxSecrets secrets = settings.secrets();
        Connection wanted = new Connection(settings, secrets.tokenId().orElseThrow(), secrets.tokenSecret().orElseThrow());
        if (current != null && current.connection.equals(wanted)) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        return new MuxApiClient(wanted, clock);
    }

    JsonObject createUpload(JsonObject request) {
        return call("create an upload", a -> a.createUpload(request.toString()), false).orElseThrow(
                () -> MuxFailures.unexpectedAnswer("create an upload"));
    }

    JsonObject createAsset(JsonObject request) {
        return call("create an asset", a -> a.createAsset(request.toString()), false).orElseThrow(
                () -> MuxFailures.unexpectedAnswer("create an asset"));
    }

    Optional<JsonObject> getUpload(String uploadId) {
        return call("read an upload", a -> a.getUpload(uploadId), true);
    }

    /** Empty when Mux no longer knows the upload. */
    Optional<JsonObject> cancelUpload(String uploadId) {
        return call("cancel an upload", a -> a.cancelUpload(uploadId), true);
    }

    Optional<JsonObject> getAsset(String assetId) {
        return call("read an asset", a -> a.getAsset(assetId), true);
    }

    /** Deleting an asset Mux no longer has is not an error. */
    void deleteAsset(String assetId) {
        call("delete an asset", a -> a.deleteAsset(assetId), true);
    }

    /** The static rendition Mux started making; empty when Mux no longer knows the asset. */
    Optional<JsonObject> createStaticRendition(String assetId, JsonObject request) {
        return call("request an MP4", a -> a.createStaticRendition(assetId, request.toString()), true);
    }

    /** Removing a static rendition (or asset) Mux no longer has is not an error. */
    void deleteStaticRendition(String assetId, String renditionId) {
        call("delete an MP4", a -> a.deleteStaticRendition(assetId, renditionId), true);
    }

    /** The track Mux will download; empty when Mux no longer knows the asset. */
    Optional<JsonObject> createTrack(String assetId, JsonObject request) {
        return call("add a text track", a -> a.createTrack(assetId, request.toString()), true);
    }

    /** Removing a track (or asset) Mux no longer has is not an error. */
    void deleteTrack(String assetId, String trackId) {
        call("delete a text track", a -> a.deleteTrack(assetId, trackId), true);
    }

    /**
     * One API call. Returns the answer's {@code data} (empty for a 204, and for a 404 when
     * {@code absentIsEmpty}), or throws the failure a client may see.
     */
    private Optional<JsonObject> call(String action, Function<MuxApi, Response> request, boolean absentIsEmpty) {
        int status;
        String text;
        String retryAfter;
        try (Response response = request.apply(api)) {
            status = response.getStatus();
            text = response.hasEntity() ? response.readEntity(String.class) : "";
            retryAfter = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        } catch (ProcessingException e) {
            throw MuxFailures.unreachable(action, e);
        }
        Optional<JsonObject> body = parse(text);
        if (status == NOT_FOUND && absentIsEmpty) {
            return Optional.empty();
        }
        if (status >= 200 && status < 300) {
            if (status == 204) {
                return Optional.empty();
            }
            return Optional.of(body.map(b -> b.get("data") instanceof JsonObject d ? d : null)
                    .orElseThrow(() -> MuxFailures.unexpectedAnswer(action)));
        }
        throw MuxFailures.fromStatus(action, status, body, Optional.ofNullable(retryAfter), clock.instant());
    }

    private static Optional<JsonObject> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing the Mux REST client", e);
            }
        }
    }

    /** What a REST client is built from; compared to decide whether to rebuild it. */
    private static final class Connection {
        final MuxSettings settings;
        final String tokenId;
        final String tokenSecret;

        Connection(MuxSettings settings, String tokenId, String tokenSecret) {
            this.settings = settings;
            this.tokenId = tokenId;
            this.tokenSecret = tokenSecret;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Connection c && c.settings.apiUrl().equals(settings.apiUrl())
                    && c.settings.connectTimeout().equals(settings.connectTimeout())
                    && c.settings.readTimeout().equals(settings.readTimeout())
                    && c.tokenId.equals(tokenId) && c.tokenSecret.equals(tokenSecret);
        }

        @Override
        public int hashCode() {
            return Objects.hash(settings.apiUrl(), tokenId);
        }
    }
}
