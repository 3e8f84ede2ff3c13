package com.yourbit.video.api.captions;

import java.net.URI;
import java.util.Objects;

/**
 * One caption file to put on a video at its provider.
 *
 * @param ref      this service's id of this version of the track (a replaced track gets a new
 *                 one); a provider that reports tracks later echoes it (Mux's {@code passthrough}),
 *                 so a report matches the right version even before the track id is recorded
 * @param webVtt   the file, already checked ({@link WebVtt#parse})
 * @param fetchUrl where the provider may fetch the file itself: a signed, expiring URL under
 *                 this service's public URL (Mux downloads tracks, it takes no upload)
 */
public record CaptionTrack(LanguageTag lang, String label, String ref, String webVtt, URI fetchUrl) {

    public CaptionTrack {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(webVtt, "webVtt");
        Objects.requireNonNull(fetchUrl, "fetchUrl");
    }
}
