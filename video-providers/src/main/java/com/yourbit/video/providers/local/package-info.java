/**
 * The local provider: this service is the upload target (tus 1.0.0 and Mux-style PUT) and
 * serves the media under {@code /media} with short-lived signed tokens. Needs no account.
 */
package com.yourbit.video.providers.local;
