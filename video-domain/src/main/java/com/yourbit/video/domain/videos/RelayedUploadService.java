package com.yourbit.video.domain.videos;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUnavailableException;
import com.yourbit.video.api.TusCreationRelay;
import com.yourbit.video.api.TusCreationRelay.RelayedUpload;
import com.yourbit.video.api.UploadDisposal;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.UploadRequest;
import com.yourbit.video.api.VideoRef;
import com.yourbit.video.domain.ProviderFailedException;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoException;
import com.yourbit.video.domain.VideoMetrics;
import com.yourbit.video.domain.VideoRepository;
import com.yourbit.video.domain.VideoStatus;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The tus creation endpoint of a provider that creates uploads on demand
 * ({@link TusCreationRelay}): the upload URL's token finds the video, and the first creation
 * request for it creates the provider's upload. Exactly one creation per video succeeds; a
 * later one is a conflict, because the client already holds the provider's upload URL and
 * resumes there.
 */
@Stateless
public class RelayedUploadService {

    private static final Logger LOG = Logger.getLogger(RelayedUploadService.class.getName());
    /** Tokens are random base64url strings; anything else is refused before a query. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,80}");

    @Inject
    VideoRepository videos;

    @Inject
    ProviderRegistry registry;

    @Inject
    VideoStatusService statusService;

    @Inject
    Clock clock;

    @Inject
    VideoMetrics metrics;

    /**
     * The provider's relay, when a provider of that name creates uploads on demand. Asked by
     * the CORS filter and OPTIONS on every request to a creation endpoint: no transaction.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<TusCreationRelay> relay(String providerName) {
        return registry.byName(providerName).filter(TusCreationRelay.class::isInstance).map(TusCreationRelay.class::cast);
    }

    /**
     * Creates the provider's upload for the video bound to {@code token}, outside any
     * transaction (the provider call may be slow), then records its asset id and deadline.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RelayedUpload create(String providerName, UploadId token, long length, Optional<String> fileName) {
        TusCreationRelay relay = relay(providerName).orElseThrow(RelayedUploadService::notFound);
        Video video = (TOKEN.matcher(token.value()).matches() ? videos.findByUpload(ProviderName.of(providerName), token) : Optional.<Video>empty())
                .filter(v -> UploadProtocol.TUS.wireName().equals(v.getUploadProtocol()))
                .orElseThrow(RelayedUploadService::notFound);
        if (video.getStatus() != VideoStatus.PREPARING) {
            throw new VideoException(ErrorCode.UPLOAD_CLOSED, "this upload no longer accepts bytes: the video is "
                    + video.getStatus().wireName());
        }
        if (video.getExtId() != null) {
            throw alreadyCreated();
        }
        if (video.getUploadExpiresAt().isBefore(clock.instant())) {
            throw new VideoException(ErrorCode.UPLOAD_EXPIRED, "the upload URL expired at " + video.getUploadExpiresAt());
        }
        if (length > relay.maxUploadLength()) {
            throw new VideoException(ErrorCode.UPLOAD_TOO_LARGE, "Upload-Length exceeds the maximum size "
                    + relay.maxUploadLength());
        }
        RelayedUpload created;
        try {
            created = metrics.providerCall(video.getProvider(), "create-upload",
                    () -> relay.create(new UploadRequest(video.id(), video.getTitle()), length, fileName));
        } catch (ProviderUnavailableException e) {
            LOG.warning(() -> "provider " + providerName + " could not create an upload for video " + video.getId()
                    + ": " + e.getMessage());
            throw new ProviderFailedException(e);
        }
        boolean recorded;
        try {
            recorded = statusService.noteUploadCreated(video.id(), created.assetId(), created.expiresAt());
        } catch (EJBException e) {
            if (!VideoService.isConflict(e)) {
                throw e;
            }
            recorded = false;
        }
        if (!recorded) {
            discard(video, created);
            throw alreadyCreated();
        }
        return created;
    }

    /** A concurrent creation won, or the video went away: the upload made here is never used. */
    private void discard(Video video, RelayedUpload orphan) {
        try {
            registry.capability(video, UploadDisposal.class).ifPresent(d -> metrics.providerCall(video.getProvider(),
                    "dispose", () -> d.dispose(new VideoRef(video.id(), video.uploadId(), orphan.assetId(), null))));
        } catch (ProviderUnavailableException e) {
            LOG.log(Level.WARNING, "an unused upload of video " + video.getId() + " stays at the provider until it expires: "
                    + e.getMessage());
        }
    }

    private static VideoException alreadyCreated() {
        return new VideoException(ErrorCode.UPLOAD_ALREADY_CREATED, "this video's upload was already created; "
                + "resume it at the Location the first creation answered, or create a new video");
    }

    private static VideoException notFound() {
        return new VideoException(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
    }
}
