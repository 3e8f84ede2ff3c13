package com.yourbit.video.api;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider's answer to an upload request.
 *
 * @param uploadId the provider's upload id, used to match later callbacks
 * @param url where the browser sends the bytes
 * @param expiresAt when the provider stops accepting this upload
 */
public record DirectUpload(UploadId uploadId, URI url, UploadProtocol protocol, Instant expiresAt) {

    public DirectUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
