package com.yourbit.video.providers.cloudflare;

import com.nimbusds.jose.jwk.RSAKey;
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
import com.yourbit.video.api.TusCreationRelay;
import com.yourbit.video.api.TusMetadata;
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
import com.yourbit.video.providers.common.RsaSigningKey;
import com.yourbit.video.providers.common.UploadTokens;
import com.yourbit.video.providers.common.UrlTemplate;
import com.yourbit.video.providers.common.WebhookJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

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
import java.util.regex.Pattern;

/**
 * Cloudflare Stream. New uploads are direct creator uploads: by default with tus, relayed
 * through a creation endpoint on this service ({@link TusCreationRelay}; the uid Cloudflare
 * answers becomes the asset id), or basic (the browser POSTs the file to a one-time URL; the
 * uid is both our upload id and the asset id).
 * Webhooks carry the video object, signed with {@code Webhook-Signature}. Playback and
 * thumbnails are self-signed tokens when uploads require signed URLs.
 */
@ApplicationScoped
@NamedProvider(CloudflareStreamProvider.NAME)
public class CloudflareStreamProvider implements VideoProvider, PlaybackSigner, UploadDisposal, WebhookReceiver, StatusLookup,
        TusCreationRelay {

    public static final String NAME = "cloudflare";
    static final ProviderName PROVIDER = ProviderName.of(NAME);
    static final String SIGNATURE_HEADER = "Webhook-Signature";
    private static final int MAX_NAME = 255;
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final String TOKEN_PREFIX = "tus_";

    @Inject
    CloudflareSettingsReader settingsReader;

    @Inject
    @ProviderClock
    Clock clock;

    @Inject
    CloudflareClient client;

    /** The parsed signing key, kept while the configured secret stays the same. */
    private final AtomicReference<CachedKey> signingKey = new AtomicReference<>();

    private record CachedKey(String keyId, String secret, RSAKey key) {
    }

    @Override
    public ProviderName name() {
        return PROVIDER;
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
        JsonObjectBuilder meta = Json.createObjectBuilder().add("videoId", request.videoId().value());
        name(request, Optional.empty()).ifPresent(name -> meta.add("name", name));
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("maxDurationSeconds", settings.maxDurationSeconds())
                .add("expiry", expiry.toString())
                .add("requireSignedURLs", settings.requireSignedUrls())
                .add("meta", meta);
        if (!settings.allowedOrigins().isEmpty()) {
            JsonArrayBuilder origins = Json.createArrayBuilder();
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
        return sign(video, new UrlTemplate(settingsReader.current().playbackUrl()), null, ttl);
    }

    @Override
    public SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl) {
        return sign(video, new UrlTemplate(settingsReader.current().thumbnailUrl()), spec, ttl);
    }

    private SignedUrl sign(VideoRef video, UrlTemplate template, ThumbnailSpec spec, Duration ttl) {
        CloudflareSettings settings = settingsReader.current();
        String uid = requireUid(video);
        Instant now = clock.instant();
        String token = uid;
        Instant expiresAt = null;
        if (settings.requireSignedUrls()) {
            expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
            token = new StreamTokenSigner(key(settings), StreamTokenSigner.accessRules(settings.accessRules().orElse(null)))
                    .sign(uid, now, expiresAt);
        }
        URI url = template.expand(Map.of("customer_code", settings.customerCode().orElseThrow(
                () -> new IllegalStateException(CloudflareSettingsReader.CUSTOMER_CODE + " is not set")), "token", token, "uid", uid));
        return new SignedUrl(spec == null ? url : withQuery(url, spec), expiresAt);
    }

    /** Cloudflare's thumbnail parameters: {@code time=1.5s}, {@code width}, {@code height}. */
    private static URI withQuery(URI url, ThumbnailSpec spec) {
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
        if (query.length() == 0) {
            return url;
        }
        String base = url.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private RSAKey key(CloudflareSettings settings) {
        String keyId = settings.signingKeyId().orElseThrow(() -> new IllegalStateException(CloudflareSettingsReader.SIGNING_KEY_ID + " is not set"));
        String secret = settings.signingKey().orElseThrow(() -> new IllegalStateException(CloudflareSettingsReader.SIGNING_KEY + " is not set"));
        CachedKey cached = signingKey.get();
        if (cached != null && cached.keyId().equals(keyId) && cached.secret().equals(secret)) {
            return cached.key();
        }
        RSAKey parsed;
        try {
            parsed = RsaSigningKey.parse(secret, keyId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CloudflareSettingsReader.SIGNING_KEY + ": " + e.getMessage());
        }
        signingKey.set(new CachedKey(keyId, secret, parsed));
        return parsed;
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
        return new VideoObjectReader(PROVIDER, settings.fields());
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
