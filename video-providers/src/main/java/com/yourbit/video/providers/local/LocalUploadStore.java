package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.SourceFile;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.providers.common.ProviderClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The local provider's {@link UploadStore}: files on disk, and the media pipeline once the last byte is in. */
@ApplicationScoped
public class LocalUploadStore implements UploadStore {

    private static final ProviderName LOCAL = ProviderName.of(LocalVideoProvider.NAME);

    @Inject
    LocalProviderComponents storage;

    @Inject
    LocalSettings settings;

    @Inject
    @ProviderClock
    Clock clock;

    @Override
    public ProviderName provider() {
        return LOCAL;
    }

    @Override
    public long maxSize() {
        return storage.uploads().maxSize();
    }

    @Override
    public List<String> allowedOrigins() {
        return settings.corsOrigins();
    }

    @Override
    public UploadInfo create(UploadId uploadId, long length, Map<String, String> metadata, Instant expiresAt) {
        return storage.uploads().create(uploadId.value(), length, metadata, expiresAt);
    }

    @Override
    public Optional<UploadInfo> find(UploadId uploadId) {
        return storage.uploads().find(uploadId.value());
    }

    @Override
    public Optional<UploadInfo> findWhenIdle(UploadId uploadId) {
        return storage.uploads().findWhenIdle(uploadId.value());
    }

    @Override
    public UploadInfo append(UploadId uploadId, Chunk chunk, InputStream body) {
        return storage.uploads().append(uploadId.value(), chunk, body);
    }

    @Override
    public void terminate(UploadId uploadId) {
        storage.uploads().terminate(uploadId.value());
    }

    @Override
    public ProviderUpdate complete(UploadId uploadId) {
        return complete(storage.uploads(), storage.pipeline(), uploadId, clock);
    }

    /** The media pipeline takes a complete upload (or a complete download from a URL, {@link UrlDownloads}). */
    static ProviderUpdate complete(Uploads uploads, MediaPipeline pipeline, UploadId uploadId, Clock clock) {
        UploadInfo upload = uploads.find(uploadId.value()).filter(UploadInfo::isComplete).orElseThrow(() ->
                new UploadStoreException(ErrorCode.UPLOAD_NOT_FOUND, "no complete upload"));
        pipeline.start(uploadId.value());
        return ProviderUpdate.from(LOCAL).event(EventKey.of("upload-complete:" + uploadId)).upload(uploadId)
                .source(SourceFile.fromTusMetadata(upload.metadata())).processing(clock.instant());
    }

    /** Public and stable, but reveals nothing of the upload token it is derived from. */
    static String playbackId(String uploadId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("playback:" + uploadId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
