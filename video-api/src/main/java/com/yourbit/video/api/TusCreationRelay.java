package com.yourbit.video.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Capability: a provider that can only create an upload once it knows the file's size (a tus
 * upload at the provider). Its {@link DirectUpload#url()} is then a tus creation endpoint on
 * this service, bound to one video ({@link UploadProtocol#TUS}); the client's creation request
 * (its {@code Upload-Length}) is relayed to {@link #create}, and the client is sent on to the
 * provider's upload URL as the tus {@code Location}. The bytes never pass through this service.
 */
public interface TusCreationRelay {

    /** The largest {@code Upload-Length} passed on to the provider, in bytes. */
    long maxUploadLength();

    /** Origins whose pages may call the creation endpoint cross-origin; {@code *} allows any. */
    List<String> allowedOrigins();

    /**
     * Creates the upload at the provider. Called at most once per video with success.
     *
     * @param video our video id (travels to the provider) and its title
     * @param length the client's {@code Upload-Length}
     * @param fileName the client's name for the file, if it sent one
     * @throws ProviderUnavailableException when the provider failed or did not answer
     */
    RelayedUpload create(UploadRequest video, long length, Optional<String> fileName);

    /**
     * The provider's upload.
     *
     * @param assetId the provider's id of the video it will make (webhooks and lookups name it)
     * @param location where the client sends the bytes (tus {@code Location})
     * @param expiresAt when the provider stops accepting bytes for it
     */
    record RelayedUpload(AssetId assetId, URI location, Instant expiresAt) {

        public RelayedUpload {
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
