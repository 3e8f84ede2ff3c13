/**
 * The local provider's upload endpoint: tus 1.0.0 (core, creation, creation-with-upload,
 * creation-defer-length, termination, expiration, checksum), Mux-style PUT on the same URL,
 * and CORS for the configured origins. The URL's token binds it to one video.
 */
package com.yourbit.video.web.upload;
