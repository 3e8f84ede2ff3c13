package com.yourbit.video.providers.local;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStore;
import com.yourbit.video.api.hosted.UploadStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** The local provider's {@link UploadStore}: files on disk, and ffprobe once the last byte is in. */
@ApplicationScoped
public class LocalUploadStore implements UploadStore {

    private static final Logger LOG = Logger.getLogger(LocalUploadStore.class.getName());
    private static final ProviderName LOCAL = ProviderName.of(LocalVideoProvider.NAME);

    @Inject
    LocalStorage storage;

    @Override
    public long maxSize() {
        return storage.uploads().maxSize();
    }

    @Override
    public UploadInfo create(String uploadId, long length, Map<String, String> metadata) {
        return storage.uploads().create(uploadId, length, metadata);
    }

    @Override
    public Optional<UploadInfo> find(String uploadId) {
        return storage.uploads().find(uploadId);
    }

    @Override
    public UploadInfo append(String uploadId, long offset, InputStream body) {
        return storage.uploads().append(uploadId, offset, body);
    }

    @Override
    public void terminate(String uploadId) {
        storage.uploads().terminate(uploadId);
    }

    @Override
    public ProviderUpdate complete(String uploadId) {
        UploadInfo info = find(uploadId).filter(UploadInfo::isComplete).orElseThrow(() ->
                new UploadStoreException(UploadStoreException.Reason.NOT_FOUND, "no complete upload"));
        String eventKey = "upload-complete:" + uploadId;
        Instant now = Instant.now();
        String playbackId = playbackId(uploadId);
        try {
            Optional<MediaProbe.VideoFacts> facts = storage.probe().probe(storage.uploads().data(uploadId));
            if (facts.isEmpty()) {
                return ProviderUpdate.errored(LOCAL, eventKey, uploadId,
                        "the uploaded file is not a video that this service can read", now);
            }
            MediaProbe.VideoFacts video = facts.get();
            return ProviderUpdate.ready(LOCAL, eventKey, uploadId,
                    new ReadyDetails(playbackId, playbackId, null, null, video.durationSeconds(), video.aspectRatio()), now);
        } catch (IOException e) {
            LOG.warning(() -> "ffprobe could not be run (" + e.getMessage() + "); upload " + info.length()
                    + " bytes accepted without media details");
            return ProviderUpdate.ready(LOCAL, eventKey, uploadId,
                    new ReadyDetails(playbackId, playbackId, null, null, null, null), now);
        }
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
