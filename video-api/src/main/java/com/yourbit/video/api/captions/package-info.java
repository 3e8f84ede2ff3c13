/**
 * Captions (WebVTT text tracks) of a video: the capability a provider implements to carry them
 * ({@link com.yourbit.video.api.captions.CaptionTracks}), and the value rules every layer shares:
 * a well-formed BCP 47 language tag ({@link com.yourbit.video.api.captions.LanguageTag}) and a
 * strictly parsed WebVTT file ({@link com.yourbit.video.api.captions.WebVtt}). Here, not in the
 * domain, because the local provider reads the cues too (to segment them for HLS).
 */
package com.yourbit.video.api.captions;
