package com.yourbit.video.web.upload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentRangeTest {

    @Test
    void aChunkIsItsBytesOfTheFile() {
        ContentRange range = ContentRange.parse(" bytes 262144-524287/1491136 ", "262144");

        assertThat(range).isEqualTo(new ContentRange(262_144, 524_287, 1_491_136, false));
        assertThat(range.end()).isEqualTo(524_288);
        assertThat(range.isStatusQuery()).isFalse();
    }

    @Test
    void noContentRangeIsTheWholeFileOfContentLength() {
        ContentRange range = ContentRange.parse(null, "25802");

        assertThat(range).isEqualTo(new ContentRange(0, 25_801, 25_802, true));
        assertThat(range.end()).isEqualTo(25_802);
    }

    @Test
    void anEmptyWholeFileHasNoBytes() {
        ContentRange range = ContentRange.parse(null, "0");

        assertThat(range.total()).isZero();
        assertThat(range.end()).isZero();
    }

    @Test
    void aStarAsksForTheProgress() {
        ContentRange range = ContentRange.parse("bytes */1000", "0");

        assertThat(range.isStatusQuery()).isTrue();
        assertThat(range.total()).isEqualTo(1000);
        assertThat(range.wholeFile()).isFalse();
    }
}
