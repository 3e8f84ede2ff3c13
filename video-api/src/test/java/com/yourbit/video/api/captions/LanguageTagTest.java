package com.yourbit.video.api.captions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LanguageTagTest {

    @ParameterizedTest
    @CsvSource({
            "en, en",
            "EN-gb, en-GB",
            "zh-hant-tw, zh-Hant-TW",
            "sr-latn-rs, sr-Latn-RS",
            "es-419, es-419",
            "de-CH-1901, de-CH-1901",
            "sl-rozaj-biske, sl-rozaj-biske",
            "zh-yue-HK, zh-yue-HK",
            "en-US-u-islamcal, en-US-u-islamcal",
            "en-a-bbb-x-a-ccc, en-a-bbb-x-a-ccc",
            "hy-Latn-IT-arevela, hy-Latn-IT-arevela",
            "de-x-Private, de-x-private",
    })
    void wellFormedTagsTakeTheirCanonicalCase(String tag, String canonical) {
        assertThat(LanguageTag.parse(tag).value()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "en_US", "en-", "-en", "en--US", "englishlanguage", "de-419-DE",
            "a-DE", "ar-a-aaa-b-bbb-a-ccc", "de-DE-1901-1901", "en-u", "x-private", "i-klingon", "123",
            "en-US-toolongvariant", "en US", "en/../x", "zh-hant-hant", "en-x"})
    void malformedTagsAreRefused(String tag) {
        assertThatIllegalArgumentException().isThrownBy(() -> LanguageTag.parse(tag));
    }

    @org.junit.jupiter.api.Test
    void lenientParsersWouldTakeWhatIsNoTag() {
        // Locale.forLanguageTag("en_US") silently gives "und": here it is a refusal.
        assertThatIllegalArgumentException().isThrownBy(() -> LanguageTag.parse("en_US"));
        assertThatIllegalArgumentException().isThrownBy(() -> LanguageTag.parse("x".repeat(65)));
    }

    @org.junit.jupiter.api.Test
    void theDefaultLabelIsTheLanguagesOwnName() {
        assertThat(LanguageTag.parse("de").defaultLabel()).isEqualTo("Deutsch");
        assertThat(LanguageTag.parse("en").defaultLabel()).isEqualTo("English");
    }
}
