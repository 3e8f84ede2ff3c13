/**
 * The upload path of a provider that receives the bytes itself (the local provider's tus and
 * Mux-style PUT endpoint): which requests may add bytes to which video, and, once the last
 * byte is in, the provider completing the upload and the video changing status. The core
 * package never depends on this one.
 */
package com.yourbit.video.domain.upload;
