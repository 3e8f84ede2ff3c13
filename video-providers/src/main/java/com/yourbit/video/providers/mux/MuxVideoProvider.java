package com.yourbit.video.providers.mux;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.IngestRequest;
import com.yourbit.video.api.IngestStarted;
import com.yourbit.video.api.NamedProvider;
import com.yourbit.video.api.PlaybackSigner;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.RenditionSigner;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.UrlIngest;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.api.WebhookDelivery;
import com.yourbit.video.api.WebhookReceiver;
import com.yourbit.video.api.WebhookRejectedException;
import com.yourbit.video.api.captions.CaptionTrack;
import com.yourbit.video.api.captions.CaptionTracks;
import com.yourbit.video.api.captions.LanguageTag;
import com.yourbit.video.api.captions.TrackAdded;
import com.yourbit.video.providers.common.HmacSignatureScheme;
import com.yourbit.video.providers.common.ProviderClock;
import com.yourbit.video.providers.common.UrlTemplate;
import com.yourbit.video.providers.common.WebhookJson;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Mux Video as a provider: direct upload URLs from Mux's API, {@code Mux-Signature}
 * webhooks, signed (or public) playback and image URLs, MP4 downloads (static renditions),
 * storyboards and animated previews, deletion and status lookup.
 * Settings and secrets are read on every use ({@link MuxSettingsReader}), so a changed
 * configuration applies without a redeploy; the REST client and the parsed signing key are
 * kept while their part of the settings stays the same.
 */
@ApplicationScoped
@NamedProvider(MuxVideoProvider.NAME)
public class MuxVideoProvider implements VideoProvider, PlaybackSigner, UploadDisposal, WebhookReceiver, StatusLookup,
        RenditionSigner, UrlIngest, CaptionTracks {

    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String NAME = "mux";
    private static final Logger LOG = Logger.getLogger(MuxVideoProvider.class.getName());

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
        JsonObject body = JSON.createObjectBuilder()
                .add("new_asset_settings", assetSettings(settings, request.videoId(), request.title()))
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

    /**
     * What every asset of ours is made with, whether from a direct upload
     * ({@code new_asset_settings}) or from a URL: {@code playback_policies} and
     * {@code static_renditions}, as {@code playback_policy} and {@code mp4_support} are deprecated
     * (mux.com/docs/api-reference/video/direct-uploads/create-direct-upload,
     * mux.com/docs/api-reference/video/assets/create-asset), our video id as passthrough.
     */
    private static JsonObjectBuilder assetSettings(MuxSettings settings, VideoId videoId, String title) {
        JsonObjectBuilder asset = JSON.createObjectBuilder()
                .add("playback_policies", JSON.createArrayBuilder().add(settings.playbackPolicy()))
                .add("video_quality", settings.videoQuality())
                .add("passthrough", videoId.value())
                .add("static_renditions", JSON.createArrayBuilder().add(MuxStaticRendition.request(videoId)));
        MuxTitle.of(title).ifPresent(t -> asset.add("meta", JSON.createObjectBuilder().add("title", t)));
        return asset;
    }

    /**
     * An asset Mux makes by downloading the URL itself ({@code inputs}; {@code input} is
     * deprecated). The asset exists at once: its id is the video's asset id, and stands for the
     * upload id too, since there is no upload. Mux reports by webhook ({@code video.asset.ready}
     * or {@code video.asset.errored} when it cannot fetch or read the file).
     */
    @Override
    public IngestStarted ingest(IngestRequest request) {
        MuxSettings settings = settingsReader.current();
        JsonObject body = assetSettings(settings, request.videoId(), request.title())
                .add("inputs", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("url", request.source().toString())))
                .build();
        JsonObject asset = client(settings).createAsset(body);
        String id = asset.getString("id", null);
        if (id == null || !MuxUpdateReader.ID.matcher(id).matches()) {
            throw MuxFailures.unexpectedAnswer("create an asset");
        }
        return new IngestStarted(UploadId.of(id), AssetId.of(id));
    }

    @Override
    public String signingKeyVersion() {
        return settingsReader.signingKeyVersion();
    }

    @Override
    public List<ProviderUpdate> receive(WebhookDelivery delivery) {
        MuxWebhookSettings settings = settingsReader.webhook();
        HmacSignatureScheme.MUX.verify(delivery.header("Mux-Signature"), delivery.body(), settings.secret(),
                settings.tolerance(), delivery.receivedAt());
        JsonObject event;
        try {
            event = WebhookJson.readObject(delivery.body());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, e.getMessage());
        }
        try {
            return MuxUpdateReader.asList(new MuxUpdateReader(settings.fields()).fromEvent(event));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED,
                    "not a Mux event: " + (e instanceof IllegalArgumentException ? e.getMessage() : "unexpected field type"));
        }
    }

    @Override
    public Optional<ProviderUpdate> lookup(VideoRef video) {
        MuxSettings settings = settingsReader.current();
        MuxApiClient api = client(settings);
        MuxUpdateReader reader = new MuxUpdateReader(settings.eventFields());
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
        return reader.fromAsset(JSON.createObjectBuilder().add("data", asset.get()).build());
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
        return sign(settings, settings.playbackUrl(), video, MuxPlaybackTokens.Audience.VIDEO, Map.of(), ttl);
    }

    /** With a signed policy the image parameters travel inside the token, as Mux requires. */
    @Override
    public SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        return sign(settings, settings.thumbnailUrl(), video, MuxPlaybackTokens.Audience.THUMBNAIL, MuxImageParams.of(spec),
                ttl);
    }

    /**
     * Reads the asset's static renditions and acts on ours ({@link MuxStaticRendition#next}):
     * an asset made before MP4s were requested with every upload gets one now, an errored one
     * is removed and asked for again.
     */
    @Override
    public DownloadState prepareDownload(VideoRef video) {
        MuxApiClient api = client(settingsReader.current());
        String assetId = assetOf(video);
        JsonObject asset = api.getAsset(assetId).orElseThrow(MuxVideoProvider::gone);
        MuxStaticRendition.Next next = MuxStaticRendition.next(asset);
        if (next == MuxStaticRendition.Next.RETRY) {
            MuxStaticRendition.in(asset).flatMap(MuxStaticRendition::id).ifPresent(id -> api.deleteStaticRendition(assetId, id));
        } else if (next != MuxStaticRendition.Next.REQUEST) {
            return next.state;
        }
        return requestMp4(api, video, assetId);
    }

    /**
     * Asks Mux for the MP4. Two requests at once may both find none; Mux refuses the second
     * (the reference does not document how), so a refusal is checked against the asset: an MP4
     * under way there is the answer.
     */
    private DownloadState requestMp4(MuxApiClient api, VideoRef video, String assetId) {
        Optional<JsonObject> created;
        try {
            created = api.createStaticRendition(assetId, MuxStaticRendition.request(video.videoId()));
        } catch (ProviderUnavailableException refused) {
            if (refused.isTransient()) {
                throw refused;
            }
            JsonObject asset = api.getAsset(assetId).orElseThrow(MuxVideoProvider::gone);
            MuxStaticRendition.Next now = MuxStaticRendition.next(asset);
            if (now == MuxStaticRendition.Next.REQUEST || now == MuxStaticRendition.Next.RETRY) {
                throw refused;
            }
            return now.state;
        }
        JsonObject rendition = created.orElseThrow(MuxVideoProvider::gone);
        LOG.fine(() -> "asked Mux for the MP4 of video " + video.videoId() + " (asset " + assetId + ")");
        return MuxStaticRendition.stateOf(rendition) == DownloadState.READY ? DownloadState.READY : DownloadState.PREPARING;
    }

    /** {@code highest.mp4} on stream.mux.com, signed like playback (audience {@code v}). */
    @Override
    public SignedUrl downloadUrl(VideoRef video, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        return sign(settings, settings.downloadUrl(), video, MuxPlaybackTokens.Audience.VIDEO, Map.of(), ttl);
    }

    /** Mux makes a storyboard of every video asset: its {@code storyboard.vtt}, audience {@code s}. */
    @Override
    public Optional<SignedUrl> storyboardUrl(VideoRef video, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        return Optional.of(sign(settings, settings.storyboardUrl(), video, MuxPlaybackTokens.Audience.STORYBOARD, Map.of(),
                ttl));
    }

    /**
     * {@code animated.gif} or {@code .webp}, audience {@code g}. The spec's bounds are Mux's own
     * (AnimatedSpec), so nothing here refuses one.
     */
    @Override
    public SignedUrl animatedUrl(VideoRef video, AnimatedSpec spec, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        return sign(settings, settings.animatedUrl(), video, MuxPlaybackTokens.Audience.GIF, MuxImageParams.of(spec), ttl,
                Map.of("format", spec.format().extension()));
    }

    /**
     * A text track Mux downloads ({@link MuxCaptionTracks}). The replaced one is deleted first:
     * Mux wants a subtitle track's {@code name} unique on the asset, and a replacement keeps its
     * label more often than not (create-asset-track, {@code name}). A failure to delete it fails
     * the replacement, so no second track of the language is left behind; asking again retries.
     */
    @Override
    public TrackAdded add(VideoRef video, CaptionTrack track, String replacing) {
        MuxApiClient api = client(settingsReader.current());
        String assetId = assetOf(video);
        if (replacing != null && MuxUpdateReader.ID.matcher(replacing).matches()) {
            api.deleteTrack(assetId, replacing);
        }
        return MuxCaptionTracks.added(api.createTrack(assetId, MuxCaptionTracks.request(track))
                .orElseThrow(MuxCaptionTracks::assetGone));
    }

    @Override
    public void remove(VideoRef video, LanguageTag lang, String trackId) {
        if (video.assetId() == null || !MuxUpdateReader.ID.matcher(trackId).matches()) {
            return;
        }
        client(settingsReader.current()).deleteTrack(video.assetId().value(), trackId);
    }

    /** {@code stream.mux.com/{playback_id}/text/{track_id}.vtt}, signed like playback (audience {@code v}). */
    @Override
    public SignedUrl trackUrl(VideoRef video, LanguageTag lang, String trackId, Duration ttl) {
        MuxSettings settings = settingsReader.current();
        return sign(settings, settings.textTrackUrl(), video, MuxPlaybackTokens.Audience.VIDEO, Map.of(), ttl,
                Map.of("track_id", trackId));
    }

    private SignedUrl sign(MuxSettings settings, UrlTemplate template, VideoRef video, MuxPlaybackTokens.Audience audience,
                           Map<String, Number> params, Duration ttl) {
        return sign(settings, template, video, audience, params, ttl, Map.of());
    }

    /**
     * The URL of a playback id's media: plain with its parameters in the query when the policy is
     * public, else with a token that carries them as claims.
     */
    private SignedUrl sign(MuxSettings settings, UrlTemplate template, VideoRef video, MuxPlaybackTokens.Audience audience,
                           Map<String, Number> params, Duration ttl, Map<String, String> placeholders) {
        Map<String, String> values = new HashMap<>(placeholders);
        values.put("playback_id", video.playbackId().value());
        URI plain = template.expand(values);
        if (!settings.signedPlayback()) {
            return new SignedUrl(URI.create(plain + MuxImageParams.query(params)), null);
        }
        Instant expiresAt = clock.instant().plus(ttl);
        String token = tokens(settings.secrets()).sign(video.playbackId().value(), audience, params, expiresAt);
        return new SignedUrl(URI.create(plain + "?token=" + token), expiresAt);
    }

    private static String assetOf(VideoRef video) {
        if (video.assetId() == null) {
            throw new ProviderUnavailableException("Mux has made no asset of this video yet", false, null, null);
        }
        return video.assetId().value();
    }

    private static ProviderUnavailableException gone() {
        return new ProviderUnavailableException("Mux no longer has the asset of this video", false, null, null);
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
