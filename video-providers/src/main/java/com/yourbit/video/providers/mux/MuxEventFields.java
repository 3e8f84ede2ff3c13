package com.yourbit.video.providers.mux;

import com.yourbit.video.providers.common.UrlTemplate;

/**
 * What reading a Mux event or API answer takes from the settings ({@link MuxUpdateReader}):
 * the action map's JSON Pointers and ready value, and for a ready asset the playback policy
 * and the plain URL templates, which are parsed only when a public asset is ready.
 *
 * @param statusPointer JSON Pointer to an object's status ({@code webhook-status})
 * @param playbackUrl   template of the playback URL kept for a public playback id
 * @param thumbnailUrl  template of the thumbnail URL kept for a public playback id
 */
record MuxEventFields(String statusPointer, String readyValue, String uploadIdPointer, String playbackIdPointer,
                      String playbackPolicy, String playbackUrl, String thumbnailUrl) {

    MuxEventFields {
        if (!MuxSettings.POLICIES.contains(playbackPolicy)) {
            throw new IllegalArgumentException(MuxSettings.PREFIX + "playback-policy must be public or signed");
        }
    }

    boolean signedPlayback() {
        return "signed".equals(playbackPolicy);
    }

    UrlTemplate playbackTemplate() {
        return new UrlTemplate(playbackUrl);
    }

    UrlTemplate thumbnailTemplate() {
        return new UrlTemplate(thumbnailUrl);
    }
}
