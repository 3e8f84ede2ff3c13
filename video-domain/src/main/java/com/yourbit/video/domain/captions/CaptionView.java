package com.yourbit.video.domain.captions;

import com.yourbit.video.api.SignedUrl;

/**
 * A caption as the API shows it; {@code created} tells a new language from a replaced one, and
 * {@code url} is set in listings of ready captions only.
 */
public record CaptionView(String lang, String label, CaptionStatus status, boolean created, SignedUrl url) {

    static CaptionView of(Caption caption, boolean created) {
        return new CaptionView(caption.getLang(), caption.getLabel(), caption.getStatus(), created, null);
    }

    CaptionView withUrl(SignedUrl signed) {
        return new CaptionView(lang, label, status, created, signed);
    }
}
