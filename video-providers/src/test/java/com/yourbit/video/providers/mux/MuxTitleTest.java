package com.yourbit.video.providers.mux;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MuxTitleTest {

    @Test
    void aShortTitleIsSentAsItIs() {
        assertThat(MuxTitle.of("Holiday")).contains("Holiday");
        assertThat(MuxTitle.of("a".repeat(512))).contains("a".repeat(512));
    }

    @Test
    void aBlankTitleIsNotSent() {
        assertThat(MuxTitle.of(null)).isEmpty();
        assertThat(MuxTitle.of("  ")).isEmpty();
    }

    @Test
    void aLongTitleIsCutTo512() {
        assertThat(MuxTitle.of("a".repeat(513))).contains("a".repeat(512));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // 511 ASCII letters and then emoji: the 512th unit is the first half of a pair.
        String title = "a".repeat(511) + "\uD83C\uDFAC".repeat(10);
        String sent = MuxTitle.of(title).orElseThrow();
        assertThat(sent).isEqualTo("a".repeat(511));
        assertThat(sent.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).isTrue();
    }

    @Test
    void emojiOnlyTitlesStayWithinMuxsCountByEitherMeasure() {
        String sent = MuxTitle.of("\uD83C\uDFAC".repeat(600)).orElseThrow();
        // Mux's guide counts like JavaScript's String.length (UTF-16 units); 256 emoji are 512 of them.
        assertThat(sent.length()).isEqualTo(512);
        assertThat(sent.codePointCount(0, sent.length())).isEqualTo(256);
        assertThat(sent).isEqualTo("\uD83C\uDFAC".repeat(256));
    }

    @Test
    void aCutKeepsACombiningAccentWithItsLetter() {
        String title = "a".repeat(511) + "e\u0301" + "tc";
        assertThat(MuxTitle.of(title)).contains("a".repeat(511));
    }
}
