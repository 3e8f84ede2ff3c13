package com.yourbit.video.web.api;

import com.yourbit.video.domain.captions.CaptionView;

/** The answer to a put (API.md): {@code {"lang", "label", "status"}}; the URL is the listing's. */
public record CaptionPutResponse(String lang, String label, String status) {

    static CaptionPutResponse of(CaptionView view) {
        return new CaptionPutResponse(view.lang(), view.label(), view.status().wireName());
    }
}
