/**
 * Capabilities of a provider that receives the bytes and serves the media itself (the
 * local provider): the upload store behind the tus/PUT endpoint and the media behind
 * {@code /media}. The web module reaches the local provider only through these.
 */
package com.yourbit.video.api.hosted;
