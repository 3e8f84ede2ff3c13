package com.yourbit.video.providers.local;

import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.NamedProvider;
import com.yourbit.video.api.PlaybackSigner;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.StatusLookup;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.VideoProvider;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.api.hosted.MediaGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The provider that needs no account: the upload URL points at this service's tus endpoint,
 * bound to one video by an unguessable token (256 random bits), and playback URLs point at
 * this service's {@code /media} with a short-lived signed token.
 */
@ApplicationScoped
@NamedProvider(LocalVideoProvider.NAME)
public class LocalVideoProvider implements VideoProvider, PlaybackSigner, UploadDisposal, StatusLookup {

    public static final String NAME = "local";
    private static final ProviderName PROVIDER = ProviderName.of(NAME);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LocalSettings settings;

    @Inject
    LocalStorage storage;

    @Override
    public ProviderName name() {
        return PROVIDER;
    }

    @Override
    public boolean isConfigured() {
        return true;
    }

    @Override
    public java.util.List<String> secretNames() {
        return java.util.List.of(LocalSettings.SIGNING_KEY_SECRET);
    }

    @Override
    public DirectUpload createUpload(UploadRequest request) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new DirectUpload(token, settings.resolve("/uploads/" + token), UploadProtocol.TUS,
                Instant.now().plus(settings.uploadTimeout()));
    }

    @Override
    public SignedUrl playbackUrl(VideoRef video, Duration ttl) {
        Instant expiresAt = Instant.now().plus(ttl);
        String token = storage.tokens().sign(video.videoId(), MediaGrant.PLAYBACK, null, expiresAt);
        return new SignedUrl(settings.resolve("/media/" + video.videoId() + "/original?token=" + token), expiresAt);
    }

    @Override
    public SignedUrl thumbnailUrl(VideoRef video, ThumbnailSpec spec, Duration ttl) {
        Instant expiresAt = Instant.now().plus(ttl);
        String token = storage.tokens().sign(video.videoId(), MediaGrant.THUMBNAIL, spec, expiresAt);
        return new SignedUrl(settings.resolve("/media/" + video.videoId() + "/thumbnail.jpg?token=" + token), expiresAt);
    }

    /**
     * The local truth is the store: an upload whose last byte is on disk is finished even if
     * the server stopped before recording it; anything else has nothing to report.
     */
    @Override
    public Optional<ProviderUpdate> lookup(VideoRef video) {
        boolean complete = storage.uploads().find(video.uploadId()).map(u -> u.isComplete()).orElse(false);
        return complete ? Optional.of(uploads.complete(video.uploadId())) : Optional.empty();
    }

    @Inject
    LocalUploadStore uploads;

    @Override
    public void dispose(VideoRef video) {
        storage.uploads().terminate(video.uploadId());
        try {
            storage.thumbnailer().evict(video.uploadId());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove cached thumbnails", e);
        }
    }
}
