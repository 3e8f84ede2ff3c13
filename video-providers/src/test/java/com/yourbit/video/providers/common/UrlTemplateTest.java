package com.yourbit.video.providers.common;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlTemplateTest {

    private final UrlTemplate stream = new UrlTemplate("https://stream.mux.com/{playback_id}.m3u8");

    @Test
    void substitutesKnownPlaceholders() {
        assertThat(stream.expand(Map.of("playback_id", "a1B2-c_3"))).hasToString("https://stream.mux.com/a1B2-c_3.m3u8");
    }

    @Test
    void refusesValuesThatWouldChangeTheUrl() {
        for (String evil : new String[]{"../x", "a/b", "a?b=c", "a#b", "evil.com@x", "a b", ""}) {
            assertThatThrownBy(() -> stream.expand(Map.of("playback_id", evil))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesPlaceholdersWithoutValue() {
        assertThatThrownBy(() -> stream.expand(Map.of("other", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
