package com.yourbit.video.api;

/**
 * Capability: the provider fetches a video's file from a URL itself, instead of waiting for
 * an upload (Mux: an asset with {@code inputs}; Cloudflare: {@code stream/copy}; local: this
 * server downloads it). The caller has already refused URLs the ingest policy forbids; a
 * provider that follows redirects itself checks every hop again.
 */
public interface UrlIngest {

    /**
     * Starts the provider's fetch; the video is {@code preparing} until the provider reports.
     *
     * @throws ProviderUnavailableException when the provider failed or did not answer
     */
    IngestStarted ingest(IngestRequest request);

    /**
     * The video is stored: a provider whose fetch runs in this server starts it now, so that
     * its reports (even an immediate failure) always find the video. Called once after
     * {@link #ingest}; a fetch the provider runs elsewhere needs nothing here.
     */
    default void begin(IngestStarted started) {
    }
}
