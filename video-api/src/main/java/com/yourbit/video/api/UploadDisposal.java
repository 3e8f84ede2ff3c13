package com.yourbit.video.api;

/**
 * Capability: when a video is deleted, delete the provider's asset, or cancel its pending
 * upload. Must be idempotent: an asset that is already gone is not an error.
 */
public interface UploadDisposal {

    void dispose(VideoRef video);
}
