package com.yourbit.video.web.media;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.stream.Collectors;

/**
 * An HLS media playlist whose segment URIs carry the playlist's own token, so a player
 * that got one signed playback URL can fetch every segment (as Mux's signed playback does).
 */
final class SignedPlaylist {

    private SignedPlaylist() {
    }

    static String sign(String playlist, String token) {
        String query = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return playlist.lines()
                .map(line -> line.isBlank() || line.startsWith("#") ? line
                        : line + (line.contains("?") ? "&" : "?") + query)
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
