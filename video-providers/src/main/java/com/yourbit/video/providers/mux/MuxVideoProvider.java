package com.yourbit.video.providers.mux;

import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.NamedProvider;
import com.yourbit.video.api.PlaybackSigner;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.api.WebhookDelivery;
import com.yourbit.video.api.WebhookReceiver;
import com.yourbit.video.api.WebhookRejectedException;
import com.yourbit.video.providers.common.HmacSignatureScheme;
import com.yourbit.video.providers.common.ProviderClock;
import com.yourbit.video.providers.common.WebhookJson;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mux Video as a provider: direct upload URLs from Mux's API, {@code Mux-Signature}
 * webhooks, signed (or public) playback and thumbnail URLs, deletion and status lookup.
 * Settings and secrets are read on every use ({@link MuxSettingsReader}), so a changed
 * configuration applies without a redeploy; the REST client and the parsed signing key are
 * kept while their part of the settings stays the same.
 */
@ApplicationScoped
@NamedProvider(MuxVideoProvider.NAME)
public class MuxVideoProvider implements VideoProvider, PlaybackSigner, UploadDisposal, WebhookReceiver, StatusLookup {

    public static final String NAME = "mux";
    /** Mux's limit for {@code meta.title}. */
    private static final int MAX_TITLE = 512;

    @Inject
    MuxSettingsReader settingsReader;

    @Inject
    @ProviderClock
    Clock clock;

    private MuxApiClient client;
    private String signingKeyMaterial;
    private MuxPlaybackTokens tokens;

    @Override
    public ProviderName name() {
        return MuxUpdateReader.MUX;
    }

    @Override
    public List<String> secretNames() {
        return List.of(MuxSettingsReader.TOKEN_ID, MuxSettingsReader.TOKEN_SECRET, MuxSettingsReader.WEBHOOK_SECRET,
                MuxSettingsReader.SIGNING_KEY_ID, MuxSettingsReader.PRIVATE_KEY);
    }

    /** API credentials and webhook secret, and a usable signing key when playback is signed. */
    @Override
    public boolean isConfigured() {
        MuxSettings settings = settingsReader.current();
        MuxSecrets secrets = settings.secrets();
        if (!secrets.hasApiAccess() || secrets.webhookSecret().isEmpty()) {
            return false;
        }
        if (!settings.signedPlayback()) {
            return true;
        }
        try {
            return secrets.hasSigningKey() && tokens(secrets) != null;
        } catch (IllegalArgumentException unreadableKey) {
            return false;
        }
    }

    @Override
    public DirectUpload createUpload(UploadRequest request) {
        MuxSettings settings = settingsReader.current();
        JsonObjectBuilder assetSettings = Json.createObjectBuilder()
                .add("playback_policy", Json.createArrayBuilder().add(settings.playbackPolicy()))
                .add("video_quality", settings.videoQuality())
                .add("passthrough", request.videoId().value());
        if (request.title() != null && !request.title().isBlank()) {
            String title = request.title().length() > MAX_TITLE ? request.title().substring(0, MAX_TITLE) : request.title();
            assetSettings.add("meta", Json.createObjectBuilder().add("title", title));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("new_asset_settings", assetSettings)
                .add("cors_origin", settings.corsOrigin())
                .add("timeout", settings.uploadTimeout().toSeconds())
                .build();
        Instant requestedAt = clock.instant();
        JsonObject upload = client(settings).createUpload(body);
        try {
            String id = upload.getString("id");
            URI url = URI.create(upload.getString("url"));
            if (!MuxUpdateReader.ID.matcher(id).matches() || !url.isAbsolute()
                    || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw MuxFailures.unexpectedAnswer("create an upload");
            }
            long timeout = upload.containsKey("timeout") ? upload.getJsonNumber("timeout").longValue()
                    : settings.uploadTimeout().toSeconds();
            return new DirectUpload(UploadId.of(id), url, UploadProtocol.PUT, requestedAt.plusSeconds(timeout));
        } catch (NullPointerException | ClassCastException | IllegalArgumentException e) {
            throw MuxFailures.unexpectedAnswer("create an upload");
        }
    }

    @Override
    public List<ProviderUpdate> receive(WebhookDelivery delivery) {
        MuxSettings settings = settingsReader.current();
        HmacSignatureScheme.MUX.verify(delivery.header("Mux-Signature"), delivery.body(),
                settings.secrets().webhookSecret().orElse(null), settings.webhookTolerance(), delivery.receivedAt());
        JsonObject event;
        try {
            event = WebhookJson.readObject(delivery.body());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, e.getMessage());
        }
        try {
            return MuxUpdateReader.asList(new MuxUpdateReader(settings).fromEvent(event));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED,
                    "not a Mux event: " + (e instanceof IllegalArgumentException ? e.getMessage() : "unexpected field type"));
        }
    }

    @Override
    public Optional<ProviderUpdate> lookup(VideoRef video) {
        MuxSettings settings = settingsReader.current();
        MuxApiClient api = client(settings);
        MuxUpdateReader reader = new MuxUpdateReader(settings);
        AssetId assetId = video.assetId();
        if (assetId == null) {
            Optional<JsonObject> upload = api.getUpload(video.uploadId().value());
            if (upload.isEmpty()) {
                return Optional.of(ProviderUpdate.from(name()).video(video.videoId()).upload(video.uploadId()).gone(null));
            }
            // Mux leaves asset_id out until an asset exists; isNull alone throws for a missing key.
            if (!upload.get().containsKey("asset_id") || upload.get().isNull("asset_id")) {
                return reader.fromUpload(upload.get());
            }
            assetId = AssetId.of(upload.get().getString("asset_id"));
        }
        Optional<JsonObject> asset = api.getAsset(assetId.value());
        if (asset.isEmpty()) {
            return Optional.of(ProviderUpdate.from(name()).video(video.videoId()).upload(video.uploadId()).asset(assetId)
                    .gone(null));
        }
        return reader.fromAsset(Json.createObjectBuilder().add("data", asset.get()).build());
    }

    /** Deletes the asset; an upload without an asset yet is cancelled instead. */
    @Override
    public void dispose(VideoRef video) {
        MuxApiClient api = client(settingsReader.current());
        if (video.assetId() != null) {
            api.deleteAsset(video.assetId().value());
            return;
        }
        Optional<JsonObject> upload = api.getUpload(video.uploadId().value());
        if (upload.isEmpty()) {
            return;
        }
        String assetId = upload.get().containsKey("asset_id") && !upload.get().isNull("asset_id")
                ? upload.get().getString("asset_id") : null;
        if (assetId != null) {
            api.deleteAsset(assetId);
        } else if ("waiting".equals(upload.get().getString("status", ""))) {
            api.cancelUpload(video.uploadId().value());
        }
    }

    @Override
    public SignedUrl playbackUrl(VideoRef video, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        URI plain = settings.playbackUrl().expand(Map.of("playback_id", video.playbackId().value()));
        if (!settings.signedPlayback()) {
            return new SignedUrl(plain, null);
        }
        Instant expiresAt = clock.instant().plus(ttl);
        String token = tokens(settings.secrets()).sign(video.playbackId().value(), MuxPlaybackTokens.Audience.VIDEO, null,
                expiresAt);
        return new SignedUrl(URI.create(plain + "?token=" + token), expiresAt);
    }

    /** With a signed policy the image parameters travel inside the token, as Mux requires. */
    @Override
    public SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        URI plain = settings.thumbnailUrl().expand(Map.of("playback_id", video.playbackId().value()));
        if (!settings.signedPlayback()) {
            return new SignedUrl(URI.create(plain + MuxImageQuery.of(spec)), null);
        }
        Instant expiresAt = clock.instant().plus(ttl);
        String token = tokens(settings.secrets()).sign(video.playbackId().value(), MuxPlaybackTokens.Audience.THUMBNAIL,
                spec, expiresAt);
        return new SignedUrl(URI.create(plain + "?token=" + token), expiresAt);
    }

    private synchronized MuxApiClient client(MuxSettings settings) {
        if (!settings.secrets().hasApiAccess()) {
            throw new ProviderUnavailableException("Mux is not configured on this service", false, null, null);
        }
        client = MuxApiClient.forSettings(client, settings, clock);
        return client;
    }

    /** The REST client outlives no deployment: closed here, not left to the garbage collector. */
    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The signer for the configured key, parsed once per key. */
    private synchronized MuxPlaybackTokens tokens(MuxSecrets secrets) {
        if (!secrets.hasSigningKey()) {
            throw new IllegalStateException("Mux playback signing needs MUX_SIGNING_KEY and MUX_PRIVATE_KEY");
        }
        String material = secrets.signingKeyId().get() + "\n" + secrets.privateKey().get();
        if (!material.equals(signingKeyMaterial)) {
            tokens = new MuxPlaybackTokens(secrets.signingKeyId().get(), RsaPrivateKeys.fromBase64Pem(secrets.privateKey().get()));
            signingKeyMaterial = material;
        }
        return tokens;
    }
}
