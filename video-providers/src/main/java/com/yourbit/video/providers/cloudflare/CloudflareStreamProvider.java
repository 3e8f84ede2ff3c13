package com.yourbit.video.providers.cloudflare;

import com.nimbusds.jose.jwk.RSAKey;
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
import com.yourbit.video.api.TusCreationRelay;
import com.yourbit.video.api.TusMetadata;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.UrlIngest;
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
import com.yourbit.video.providers.common.ProviderHttpFailures;
import com.yourbit.video.providers.common.RsaSigningKey;
import com.yourbit.video.providers.common.UploadTokens;
import com.yourbit.video.providers.common.UrlTemplate;
import com.yourbit.video.providers.common.WebhookJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Cloudflare Stream. New uploads are direct creator uploads: by default with tus, relayed
 * through a creation endpoint on this service ({@link TusCreationRelay}; the uid Cloudflare
 * answers becomes the asset id), or basic (the browser POSTs the file to a one-time URL; the
 * uid is both our upload id and the asset id).
 * Webhooks carry the video object, signed with {@code Webhook-Signature}. Playback,
 * thumbnails, the MP4 download and animated GIFs are self-signed tokens when uploads require
 * signed URLs; storyboards are composed by the service from thumbnails.
 */
@ApplicationScoped
@NamedProvider(CloudflareStreamProvider.NAME)
public class CloudflareStreamProvider implements VideoProvider, PlaybackSigner, RenditionSigner, UploadDisposal, WebhookReceiver,
        StatusLookup, TusCreationRelay, UrlIngest, CaptionTracks {

    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String NAME = "cloudflare";
    static final ProviderName PROVIDER = ProviderName.of(NAME);
    static final String SIGNATURE_HEADER = "Webhook-Signature";
    private static final int MAX_NAME = 255;
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final String TOKEN_PREFIX = "tus_";
    private static final Logger LOG = Logger.getLogger(CloudflareStreamProvider.class.getName());
    /**
     * Cloudflare's guide documents {@code fps} of animated thumbnails with its default (8) only;
     * 15 is the maximum the Dart {@code cloudflare} package documents for it
     * (pub.dev/documentation/cloudflare, {@code customAnimatedThumbnail}).
     */
    static final int MAX_GIF_FPS = 15;

    @Inject
    CloudflareSettingsReader settingsReader;

    @Inject
    @ProviderClock
    Clock clock;

    @Inject
    CloudflareClient client;

    /** The parsed signing key and the tokens it made, kept while the configured secret stays the same. */
    private final AtomicReference<SigningKey> signingKey = new AtomicReference<>();

    private record SigningKey(String keyId, String secret, RSAKey key, StreamTokenCache tokens) {
    }

    private final DownloadPolls downloadPolls = new DownloadPolls();

    @Override
    public ProviderName name() {
        return PROVIDER;
    }

    @Override
    public String signingKeyVersion() {
        return settingsReader.signingKeyVersion();
    }

    @Override
    public boolean isConfigured() {
        return settingsReader.current().isComplete();
    }

    @Override
    public List<String> secretNames() {
        return List.of(CloudflareSettingsReader.API_TOKEN, CloudflareSettingsReader.ACCOUNT_ID, CloudflareSettingsReader.WEBHOOK_SECRET,
                CloudflareSettingsReader.CUSTOMER_CODE, CloudflareSettingsReader.SIGNING_KEY_ID, CloudflareSettingsReader.SIGNING_KEY);
    }

    @Override
    public DirectUpload createUpload(UploadRequest request) {
        CloudflareSettings settings = settingsReader.current();
        return settings.uploadProtocol() == UploadProtocol.TUS ? tusCreationEndpoint(settings) : basicUpload(settings, request);
    }

    /**
     * Cloudflare needs the file's size before it makes a tus upload, so the browser first gets
     * a creation endpoint on this service, bound to the video by an unguessable token; nothing
     * exists at Cloudflare until the browser's creation request arrives ({@link #create}). The
     * token's {@code _} keeps it apart from a Cloudflare uid.
     */
    private DirectUpload tusCreationEndpoint(CloudflareSettings settings) {
        String token = TOKEN_PREFIX + UploadTokens.next();
        String base = settings.publicUrl().toString().replaceAll("/+$", "");
        return new DirectUpload(UploadId.of(token), URI.create(base + "/uploads/" + NAME + "/" + token), UploadProtocol.TUS,
                expiry(settings));
    }

    private DirectUpload basicUpload(CloudflareSettings settings, UploadRequest request) {
        Instant expiry = expiry(settings);
        JsonObjectBuilder meta = JSON.createObjectBuilder().add("videoId", request.videoId().value());
        name(request, Optional.empty()).ifPresent(name -> meta.add("name", name));
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("maxDurationSeconds", settings.maxDurationSeconds())
                .add("expiry", expiry.toString())
                .add("requireSignedURLs", settings.requireSignedUrls())
                .add("meta", meta);
        if (!settings.allowedOrigins().isEmpty()) {
            JsonArrayBuilder origins = JSON.createArrayBuilder();
            settings.allowedOrigins().forEach(origins::add);
            body.add("allowedOrigins", origins);
        }
        JsonObject result = client.directUpload(settings, body.build());
        String uid = result.getString("uid", null);
        String uploadUrl = result.getString("uploadURL", null);
        URI url = uploadUrl == null ? null : safeUri(uploadUrl);
        if (uid == null || url == null || !UID.matcher(uid).matches()) {
            throw new ProviderUnavailableException(CloudflareClient.PROVIDER + " gave no usable upload URL", false, null, null);
        }
        return new DirectUpload(UploadId.of(uid), url, UploadProtocol.POST, expiry);
    }

    /**
     * Stream copies the video from the URL itself ({@code POST …/stream/copy}). Our video id
     * travels in {@code meta.videoId}, as with direct uploads, so the webhook names the video;
     * the uid is both the upload id and the asset id, as with basic uploads.
     */
    @Override
    public IngestStarted ingest(IngestRequest request) {
        CloudflareSettings settings = settingsReader.current();
        JsonObjectBuilder meta = JSON.createObjectBuilder().add("videoId", request.videoId().value());
        name(new UploadRequest(request.videoId(), request.title()), Optional.empty()).ifPresent(name -> meta.add("name", name));
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("url", request.source().toString())
                .add("requireSignedURLs", settings.requireSignedUrls())
                .add("meta", meta);
        if (!settings.allowedOrigins().isEmpty()) {
            JsonArrayBuilder origins = JSON.createArrayBuilder();
            settings.allowedOrigins().forEach(origins::add);
            body.add("allowedOrigins", origins);
        }
        String uid = client.copy(settings, body.build()).getString("uid", null);
        if (uid == null || !UID.matcher(uid).matches()) {
            throw ProviderHttpFailures.unreadable(CloudflareClient.PROVIDER, "copy from a URL");
        }
        return new IngestStarted(UploadId.of(uid), AssetId.of(uid));
    }

    @Override
    public long maxUploadLength() {
        return settingsReader.current().maxSize();
    }

    /** The origins that may embed the videos ({@code allowed-origins}) may upload them; none set: any. */
    @Override
    public List<String> allowedOrigins() {
        List<String> origins = settingsReader.current().allowedOrigins();
        return origins.isEmpty() ? List.of("*") : origins;
    }

    /**
     * Direct creator upload with tus: our constraints travel as {@code Upload-Metadata} of the
     * creation request (Cloudflare reads {@code maxDurationSeconds}, {@code expiry},
     * {@code requiresignedurls}, {@code allowedorigins}, {@code name}; other keys become the
     * video's {@code meta}, so {@code videoId} comes back in webhooks as with basic uploads).
     * The browser's own metadata is never passed on: it could lift the constraints.
     */
    @Override
    public RelayedUpload create(UploadRequest video, long length, Optional<String> fileName) {
        CloudflareSettings settings = settingsReader.current();
        Instant expiry = expiry(settings);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("maxDurationSeconds", Integer.toString(settings.maxDurationSeconds()));
        metadata.put("expiry", expiry.toString());
        if (settings.requireSignedUrls()) {
            metadata.put("requiresignedurls", "");
        }
        if (!settings.allowedOrigins().isEmpty()) {
            metadata.put("allowedorigins", String.join(",", settings.allowedOrigins()));
        }
        name(video, fileName).ifPresent(name -> metadata.put("name", name));
        metadata.put("videoId", video.videoId().value());
        CloudflareClient.TusUpload created = client.createTusUpload(settings, length, TusMetadata.format(metadata));
        URI location = created.location();
        if (!location.isAbsolute() || safeUri(location.toString()) == null) {
            throw new ProviderUnavailableException(CloudflareClient.PROVIDER + " gave no usable upload URL", false, null, null);
        }
        return new RelayedUpload(AssetId.of(created.uid()), location, expiry);
    }

    private Instant expiry(CloudflareSettings settings) {
        return clock.instant().plus(settings.uploadExpiry()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The video's title, else the file's name, as Cloudflare's {@code meta.name}. */
    private static Optional<String> name(UploadRequest video, Optional<String> fileName) {
        String name = video.title() != null && !video.title().isBlank() ? video.title() : fileName.filter(f -> !f.isBlank()).orElse(null);
        return Optional.ofNullable(name).map(n -> n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n);
    }

    @Override
    public SignedUrl playbackUrl(VideoRef video, Duration ttl) {
        CloudflareSettings settings = settingsReader.current();
        return sign(settings, video, settings.playbackUrl(), false, ttl);
    }

    /**
     * Uploads the file (multipart field {@code file}); Cloudflare keeps one caption per language,
     * so a new version replaces the old in place and the language is the track's id. An
     * uploaded caption is ready at once unless Cloudflare's answer says otherwise
     * ({@code status} is documented for generated captions: ready, inprogress, error).
     */
    @Override
    public TrackAdded add(VideoRef video, CaptionTrack track, String replacing) {
        CloudflareSettings settings = settingsReader.current();
        JsonObject caption = client.putCaption(settings, requireUid(video), track.lang().value(),
                track.webVtt().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String status = caption.getString("status", "ready");
        if ("error".equals(status)) {
            throw new ProviderUnavailableException(NAME + " could not use the caption file", false, null, null);
        }
        return new TrackAdded(track.lang().value(), "ready".equals(status));
    }

    @Override
    public void remove(VideoRef video, LanguageTag lang, String trackId) {
        client.deleteCaption(settingsReader.current(), requireUid(video), lang.value());
    }

    /**
     * Cloudflare has no per-track WebVTT URL for players (its {@code …/captions/{language}/vtt}
     * is an API call with the account's token): captions are delivered inside the video's HLS and
     * DASH manifests. So a track's URL is the signed HLS manifest, the same as playback's.
     */
    @Override
    public SignedUrl trackUrl(VideoRef video, LanguageTag lang, String trackId, Duration ttl) {
        return playbackUrl(video, ttl);
    }

    @Override
    public SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl) {
        CloudflareSettings settings = settingsReader.current();
        SignedUrl url = sign(settings, video, settings.thumbnailUrl(), false, ttl);
        return new SignedUrl(withQuery(url.url(), thumbnailQuery(spec)), url.expiresAt());
    }

    /**
     * Asks Cloudflare for the video's MP4 ({@code POST …/stream/{uid}/downloads}, which answers
     * the download's current state when one exists:
     * developers.cloudflare.com/stream/viewing-videos/download-videos). A failed one is removed
     * ({@code DELETE …/downloads}) so that asking again makes a new one. One in progress is not
     * asked about again within {@code download-poll-interval} ({@link DownloadPolls}).
     */
    @Override
    public DownloadState prepareDownload(VideoRef video) {
        CloudflareSettings settings = settingsReader.current();
        String uid = requireUid(video);
        if (downloadPolls.recentlyInProgress(uid, clock.instant(), settings.downloadPollInterval())) {
            return DownloadState.PREPARING;
        }
        DefaultDownload download = DefaultDownload.from(client.createDownloads(settings, uid))
                .orElseThrow(() -> ProviderHttpFailures.unreadable(CloudflareClient.PROVIDER, "create download"));
        LOG.fine(() -> "MP4 of Cloudflare video " + uid + ": " + download.state().wireName()
                + (download.percentComplete() == null ? "" : ", " + download.percentComplete() + " %"));
        if (download.state() == DownloadState.PREPARING) {
            downloadPolls.inProgress(uid, clock.instant());
        } else {
            downloadPolls.settled(uid);
        }
        if (download.state() == DownloadState.ERRORED) {
            try {
                client.deleteDownloads(settings, uid);
            } catch (ProviderUnavailableException e) {
                LOG.info(() -> "could not remove the failed MP4 of Cloudflare video " + uid + ": " + e.getMessage());
            }
        }
        return download.state();
    }

    /** The {@code default} MP4; with signed URLs its token says {@code downloadable}, as Cloudflare requires. */
    @Override
    public SignedUrl downloadUrl(VideoRef video, Duration ttl) {
        CloudflareSettings settings = settingsReader.current();
        return sign(settings, video, settings.downloadUrl(), true, ttl);
    }

    /** Cloudflare has no storyboard: the service composes one from {@link #thumbnailUrl}. */
    @Override
    public Optional<SignedUrl> storyboardUrl(VideoRef video, Duration ttl) {
        return Optional.empty();
    }

    /**
     * Cloudflare's animated thumbnail, {@code thumbnail.gif?time=&duration=&height=&width=&fps=}
     * (developers.cloudflare.com/stream/viewing-videos/displaying-thumbnails); {@code fit=clip}
     * keeps the frame's shape within the size asked for, as Mux does, instead of Cloudflare's
     * default crop to 640 x 640. GIF only, at most {@link #MAX_GIF_FPS} frames per second.
     */
    @Override
    public SignedUrl animatedUrl(VideoRef video, AnimatedSpec spec, Duration ttl) {
        if (spec.format() != AnimatedSpec.Format.GIF) {
            throw new IllegalArgumentException("Cloudflare Stream makes animated previews as GIF only: ask for format=gif");
        }
        if (spec.fps() > MAX_GIF_FPS) {
            throw new IllegalArgumentException("fps must be between 1 and " + MAX_GIF_FPS + " for Cloudflare Stream videos");
        }
        CloudflareSettings settings = settingsReader.current();
        SignedUrl url = sign(settings, video, settings.animatedUrl(), false, ttl);
        StringJoiner query = new StringJoiner("&");
        query.add("time=" + seconds(spec.start()) + "s").add("duration=" + seconds(spec.durationSeconds()) + "s");
        if (spec.height() != null) {
            query.add("height=" + spec.height());
        }
        if (spec.width() != null) {
            query.add("width=" + spec.width());
        }
        query.add("fps=" + spec.fps()).add("fit=clip");
        return new SignedUrl(withQuery(url.url(), query), url.expiresAt());
    }

    /**
     * The template's URL for the video: with signed URLs the token (memoized per key, see
     * {@link StreamTokenCache}) in the uid's place, else the uid. A setting that cannot make a
     * URL is the operator's mistake, never the client's: {@link IllegalStateException}.
     */
    private SignedUrl sign(CloudflareSettings settings, VideoRef video, String template, boolean downloadable, Duration ttl) {
        String uid = requireUid(video);
        String token = uid;
        Instant expiresAt = null;
        try {
            if (settings.requireSignedUrls()) {
                Instant now = clock.instant();
                Instant exp = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
                SigningKey signing = key(settings);
                String rules = settings.accessRules().orElse(null);
                token = signing.tokens().token(uid, exp, rules, downloadable,
                        () -> new StreamTokenSigner(signing.key(), StreamAccessRules.parse(rules)).sign(uid, now, exp, downloadable));
                expiresAt = exp;
            }
            String customerCode = settings.customerCode().orElseThrow(
                    () -> new IllegalStateException(CloudflareSettingsReader.CUSTOMER_CODE + " is not set"));
            return new SignedUrl(new UrlTemplate(template).expand(Map.of("customer_code", customerCode, "token", token,
                    "uid", uid)), expiresAt);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cloudflare settings cannot make a URL: " + e.getMessage());
        }
    }

    /** Cloudflare's thumbnail parameters: {@code time=1.5s}, {@code width}, {@code height}. */
    private static StringJoiner thumbnailQuery(ThumbnailSpec spec) {
        StringJoiner query = new StringJoiner("&");
        if (spec.timeSeconds() != null) {
            query.add("time=" + seconds(spec.timeSeconds()) + "s");
        }
        if (spec.height() != null) {
            query.add("height=" + spec.height());
        }
        if (spec.width() != null) {
            query.add("width=" + spec.width());
        }
        return query;
    }

    private static URI withQuery(URI url, StringJoiner query) {
        if (query.length() == 0) {
            return url;
        }
        String base = url.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private SigningKey key(CloudflareSettings settings) {
        String keyId = settings.signingKeyId().orElseThrow(() -> new IllegalStateException(CloudflareSettingsReader.SIGNING_KEY_ID + " is not set"));
        String secret = settings.signingKey().orElseThrow(() -> new IllegalStateException(CloudflareSettingsReader.SIGNING_KEY + " is not set"));
        SigningKey cached = signingKey.get();
        if (cached != null && cached.keyId().equals(keyId) && cached.secret().equals(secret)) {
            return cached;
        }
        RSAKey parsed;
        try {
            parsed = RsaSigningKey.parse(secret, keyId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CloudflareSettingsReader.SIGNING_KEY + ": " + e.getMessage());
        }
        SigningKey fresh = new SigningKey(keyId, secret, parsed, new StreamTokenCache());
        signingKey.set(fresh);
        return fresh;
    }

    /** Deletes the video; before a relayed tus creation there is nothing at Cloudflare yet. */
    @Override
    public void dispose(VideoRef video) {
        uid(video).ifPresent(uid -> client.delete(settingsReader.current(), uid));
    }

    /** Cloudflare's view; nothing to say before a relayed tus creation made the video there. */
    @Override
    public Optional<ProviderUpdate> lookup(VideoRef video) {
        CloudflareSettings settings = settingsReader.current();
        return uid(video).flatMap(uid -> client.video(settings, uid)).map(object -> reader(settings).read(object));
    }

    @Override
    public List<ProviderUpdate> receive(WebhookDelivery delivery) {
        CloudflareSettings settings = settingsReader.current();
        HmacSignatureScheme.CLOUDFLARE.verify(delivery.header(SIGNATURE_HEADER), delivery.body(),
                settings.webhookSecret().orElse(null), settings.webhookTolerance(), delivery.receivedAt());
        JsonObject video;
        try {
            video = WebhookJson.readObject(delivery.body());
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        try {
            return List.of(reader(settings).read(video));
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static VideoObjectReader reader(CloudflareSettings settings) {
        return new VideoObjectReader(PROVIDER, settings.fields(), settings.requireSignedUrls());
    }

    /**
     * The uid: the asset id once known; for basic uploads also the upload id from the start.
     * A tus creation token is no uid: such a video has none until its creation is relayed.
     */
    private static Optional<String> uid(VideoRef video) {
        if (video.assetId() != null) {
            return Optional.of(video.assetId().value());
        }
        return Optional.ofNullable(video.uploadId()).map(UploadId::value).filter(id -> UID.matcher(id).matches());
    }

    private static String requireUid(VideoRef video) {
        return uid(video).orElseThrow(() -> new IllegalStateException("video " + video.videoId() + " has no Cloudflare uid"));
    }

    private static URI safeUri(String value) {
        try {
            URI uri = URI.create(value);
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static WebhookRejectedException malformed(String why) {
        return new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, why);
    }
}
