package com.yourbit.video.api;

import java.util.Objects;

/**
 * One rendition a provider made of a video. The local provider knows each rung of its ladder
 * exactly (measured from the output); Mux and Cloudflare report less (e.g. Mux's
 * {@code max_stored_resolution}, Cloudflare's input size), so every number may be {@code null}.
 *
 * @param name stable within a video, e.g. {@code 720p}; a later report of the same name replaces it
 * @param bitrate peak bits per second, where known
 */
public record Rendition(String name, Integer width, Integer height, Long bitrate) {

    public Rendition {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 32) {
            throw new IllegalArgumentException("a rendition name is 1 to 32 characters");
        }
    }
}
