package com.yourbit.video.domain.videos;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComposedStoryboardTest {

    @Test
    void evenTilesCoverTheWholeVideo() {
        List<Double> times = new ArrayList<>();
        String vtt = ComposedStoryboard.webVtt(10.5, "16:9", spec -> {
            times.add(spec.timeSeconds());
            assertThat(spec.width()).isEqualTo(256);
            assertThat(spec.height()).isEqualTo(144);
            return URI.create("https://img.example/" + spec.timeSeconds());
        });
        assertThat(vtt).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nhttps://img.example/0.0\n");
        assertThat(vtt).endsWith("00:00:10.000 --> 00:00:10.500\nhttps://img.example/10.0\n");
        assertThat(times).hasSize(11);
    }

    @Test
    void aLongVideoHasAtMostAHundredTiles() {
        List<Double> times = new ArrayList<>();
        ComposedStoryboard.webVtt(7200, "4:3", spec -> {
            times.add(spec.timeSeconds());
            assertThat(spec.height()).isEqualTo(192);
            return URI.create("https://img.example/x");
        });
        assertThat(times).hasSize(100).endsWith(7128.0);
    }

    @Test
    void portraitAndUnknownShapes() {
        assertThat(ComposedStoryboard.tileHeight("9:16")).isEqualTo(456);
        assertThat(ComposedStoryboard.tileHeight(null)).isEqualTo(144);
        assertThat(ComposedStoryboard.tileHeight("bogus")).isEqualTo(144);
        assertThat(ComposedStoryboard.timestamp(3723.5)).isEqualTo("01:02:03.500");
    }
}
