/**
 * The local provider's upload endpoint: tus 1.0.0 (core, creation, creation-with-upload,
 * creation-defer-length, termination, expiration, checksum) and Mux-style PUT on the same URL,
 * each a thin resource over the domain's upload path
 * ({@link com.yourbit.video.domain.upload.HostedUploadService}), and CORS for the configured
 * origins. The URL's token binds it to one video. Providers that
 * create tus uploads on demand get {@code /uploads/{provider}/{token}}, which relays the tus
 * creation request and sends the client on to the provider.
 */
package com.yourbit.video.web.upload;
