package com.yourbit.video.web.media;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A storyboard WebVTT whose image references carry the storyboard's own token, so a player
 * that got one signed storyboard URL can fetch its sprite (as {@link SignedPlaylist} does for
 * HLS segments, and Mux's signed storyboards do). Only a bare file name beside the WebVTT gets
 * the token, before its {@code #xywh} fragment: the token never goes to another host.
 */
final class SignedStoryboard {

    private static final Pattern LOCAL_IMAGE = Pattern.compile("([A-Za-z0-9_-]{1,64}\\.jpg)(#.*)?");

    private SignedStoryboard() {
    }

    static String sign(String webVtt, String token) {
        String query = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return webVtt.lines().map(line -> {
            Matcher image = LOCAL_IMAGE.matcher(line);
            return image.matches() ? image.group(1) + query + (image.group(2) == null ? "" : image.group(2)) : line;
        }).collect(Collectors.joining("\n", "", "\n"));
    }
}
