/**
 * The local provider's upload endpoint: tus 1.0.0 (core, creation, creation-with-upload,
 * termination) and Mux-style PUT on the same URL. The URL's token binds it to one video.
 */
package com.yourbit.video.web.upload;
