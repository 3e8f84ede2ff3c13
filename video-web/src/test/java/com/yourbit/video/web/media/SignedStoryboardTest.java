package com.yourbit.video.web.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedStoryboardTest {

    @Test
    void theSpriteGetsTheTokenBeforeItsFragment() {
        assertThat(SignedStoryboard.sign("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nstoryboard.jpg#xywh=0,0,256,144\n", "a.b-c_d"))
                .isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nstoryboard.jpg?token=a.b-c_d#xywh=0,0,256,144\n");
    }

    /** The token is only ever sent where it came from: never to a URL on another host or path. */
    @Test
    void urlsElsewhereAndOtherLinesAreLeftAlone() {
        String vtt = "WEBVTT\n\nNOTE storyboard.jpg\n\n00:00:00.000 --> 00:00:01.000\n"
                + "https://evil.example/storyboard.jpg#xywh=0,0,1,1\n\n00:00:01.000 --> 00:00:02.000\n"
                + "../x/storyboard.jpg#xywh=0,0,1,1\n\n00:00:02.000 --> 00:00:03.000\n//evil.example/a.jpg\n";

        assertThat(SignedStoryboard.sign(vtt, "secret")).isEqualTo(vtt).doesNotContain("secret");
    }
}
