package com.yourbit.video.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThumbnailSpecTest {

    @Test
    void aTimeWithinTheVideoAndSizesUpTo4kFit() {
        ThumbnailSpec spec = new ThumbnailSpec(10.0, ThumbnailSpec.MAX_WIDTH, ThumbnailSpec.MAX_HEIGHT);
        assertThat(spec.checkFor(10.0)).isSameAs(spec);
        assertThat(new ThumbnailSpec(0.0, 1, 1).checkFor(10.0)).isNotNull();
        assertThat(ThumbnailSpec.defaults().checkFor(null)).isNotNull();
        // A duration not known (yet) cannot bound the time.
        assertThat(new ThumbnailSpec(99.0, null, null).checkFor(null)).isNotNull();
    }

    @Test
    void aTimeBeyondTheVideoOrASizeBeyond4kIsRefused() {
        assertThatThrownBy(() -> new ThumbnailSpec(10.001, null, null).checkFor(10.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> new ThumbnailSpec(null, 3841, null).checkFor(10.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> new ThumbnailSpec(null, null, 2161).checkFor(10.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> new ThumbnailSpec(-1.0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThumbnailSpec(null, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThumbnailSpec(Double.NaN, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
