package com.yourbit.video.domain.captions;

import com.yourbit.video.api.captions.LanguageTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaptionLabelTest {

    private static final LanguageTag EN = LanguageTag.parse("en-GB");

    @Test
    void withoutALabelTheLanguagesOwnName() {
        assertThat(CaptionLabel.of(null, EN)).isEqualTo("English (United Kingdom)");
        assertThat(CaptionLabel.of("", LanguageTag.parse("fr"))).isEqualTo("Français");
        assertThat(CaptionLabel.of("Deutsch (neu)", EN)).isEqualTo("Deutsch (neu)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "\u0000", "a\u2028b", "\u202Eevil", "\u2066x", "\"quoted\"", "   "})
    void controlCharactersQuotesAndDirectionOverridesAreRefused(String label) {
        assertThatIllegalArgumentException().isThrownBy(() -> CaptionLabel.of(label, EN));
    }

    @Test
    void aLabelIsBounded() {
        assertThat(CaptionLabel.of("x".repeat(128), EN)).hasSize(128);
        assertThatIllegalArgumentException().isThrownBy(() -> CaptionLabel.of("x".repeat(129), EN));
    }
}
