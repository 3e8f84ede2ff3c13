package com.yourbit.video.api;

import java.util.Objects;

/**
 * A provider's answer to an ingest request.
 *
 * @param uploadId the id later reports name the fetch by (for the local provider its own
 *     token, for Mux the asset id, for Cloudflare the video uid)
 * @param assetId the provider's asset, where it exists at once; {@code null} otherwise
 */
public record IngestStarted(UploadId uploadId, AssetId assetId) {

    public IngestStarted {
        Objects.requireNonNull(uploadId, "uploadId");
    }
}
