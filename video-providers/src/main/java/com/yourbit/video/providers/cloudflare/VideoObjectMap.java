package com.yourbit.video.providers.cloudflare;

/**
 * Where the action map says each fact lives in Cloudflare's video object (the webhook body
 * and {@code result} of {@code GET /stream/{uid}}), as JSON Pointers.
 *
 * @param state e.g. {@code /status/state}
 * @param readyValue the state that means playable ({@code ready})
 * @param errorValue the state that means failed ({@code error})
 * @param readyFlag {@code /readyToStream}
 * @param videoId where our video id travels ({@code /meta/videoId})
 * @param signedFlag {@code /requireSignedURLs}: whether the video plays only with a token
 */
public record VideoObjectMap(String uid, String state, String readyValue, String errorValue, String readyFlag,
                             String videoId, String modified, String errorCode, String errorText,
                             String hls, String thumbnail, String duration, String width, String height,
                             String signedFlag) {
}
