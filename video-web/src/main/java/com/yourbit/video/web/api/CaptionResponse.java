package com.yourbit.video.web.api;

import com.yourbit.video.domain.captions.CaptionView;

/** A caption in a listing (API.md): {@code url} signed like playback once it is ready, else null. */
public record CaptionResponse(String lang, String label, String status, String url) {

    static CaptionResponse of(CaptionView view) {
        return new CaptionResponse(view.lang(), view.label(), view.status().wireName(),
                view.url() == null ? null : view.url().url().toString());
    }
}
