package com.yourbit.video.web.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}-{3}")
    @CsvSource({
            "bytes=0-99,     1000, 0,   99",
            "bytes=100-,     1000, 100, 999",
            "bytes=-500,     1000, 500, 999",
            "bytes=-5000,    1000, 0,   999",
            "bytes=900-5000, 1000, 900, 999",
            "bytes=999-999,  1000, 999, 999",
            "' bytes=0-0 ',  1000, 0,   0",
    })
    void resolvesASingleRange(String header, long size, long first, long last) throws Exception {
        ByteRange range = ByteRange.parse(header, size).orElseThrow();

        assertThat(range).isEqualTo(new ByteRange(first, last));
        assertThat(range.length()).isEqualTo(last - first + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1001", "bytes=5000-6000", "bytes=-0", "bytes=5-4"})
    void unsatisfiableRangeIsRefused(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, SIZE)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void anyRangeOfAnEmptyFileIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-10", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "bytes=-", "items=0-10", "bytes=a-b", "0-99", "",
            "bytes=99999999999999999999-"})
    void severalOrMalformedRangesServeTheWholeFile(String header) throws Exception {
        assertThat(ByteRange.parse(header, SIZE)).isEmpty();
    }

    @Test
    void noHeaderServesTheWholeFile() throws Exception {
        assertThat(ByteRange.parse(null, SIZE)).isEmpty();
    }
}
