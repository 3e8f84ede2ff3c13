package com.yourbit.video.web.api;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TitleRuleTest {

    @Test
    void oneLineOfTextUpTo500CharactersPasses() {
        for (String title : new String[]{"Holiday", "", " spaced ", "Ferien – été 第一 \uD83C\uDF0A", "x".repeat(500), "\u00a0\u00ad"}) {
            assertThatNoException().as(title).isThrownBy(() -> TitleRule.check(title));
        }
        assertThatNoException().isThrownBy(() -> TitleRule.check(null));
    }

    @Test
    void controlCharactersSeparatorsAndLoneSurrogatesAreRefused() {
        for (char c : new char[]{'\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f',
                '\u2028', '\u2029', '\ud800', '\udc00'}) {
            assertThatThrownBy(() -> TitleRule.check("before" + c + "after")).as("U+%04X", (int) c)
                    .isInstanceOfSatisfying(VideoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith("title must");
                    });
        }
        assertThatThrownBy(() -> TitleRule.check("ends with a high surrogate \ud83c")).isInstanceOf(VideoException.class);
    }

    @Test
    void longerThan500CharactersIsRefused() {
        assertThatThrownBy(() -> TitleRule.check("x".repeat(501))).isInstanceOf(VideoException.class)
                .hasMessage("title must be at most 500 characters");
    }
}
