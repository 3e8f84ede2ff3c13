package com.yourbit.video.web.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadFilenameTest {

    @Test
    void aPlainTitleIsTheName() {
        assertThat(DownloadFilename.contentDisposition("My holiday (2024)", "mp4"))
                .isEqualTo("attachment; filename=\"My holiday (2024).mp4\"; filename*=UTF-8''My%20holiday%20%282024%29.mp4");
    }

    /** Whatever the title, the header keeps one quoted ASCII name and one RFC 8187 value, and no path. */
    @ParameterizedTest
    @ValueSource(strings = {"a\"; filename=evil.exe", "../../etc/passwd", "line\r\nSet-Cookie: x=1", "C:\\Windows\\x",
            "tab\there", "\u202Egnp.exe", "name\u0000", "%41%42", "..."})
    void nothingOfTheTitleBreaksTheHeaderOrNamesADirectory(String title) {
        String header = DownloadFilename.contentDisposition(title, "mp4");

        assertThat(header).matches("attachment; filename=\"[ -~&&[^\"\\\\/]]+\\.mp4\"; filename\\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+");
        assertThat(header).doesNotContain("/").doesNotContain("\\").doesNotContain("\r").doesNotContain("\n")
                .doesNotContain("..");
        assertThat(header.chars().filter(c -> c == '"').count()).isEqualTo(2);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "///", "\r\n"})
    void aTitleWithNothingUsableFallsBackToVideo(String title) {
        assertThat(DownloadFilename.contentDisposition(title, "mp4"))
                .isEqualTo("attachment; filename=\"video.mp4\"; filename*=UTF-8''video.mp4");
    }

    @Test
    void nonAsciiLettersStayInFilenameStarAndLoseTheirAccentsInFilename() {
        assertThat(DownloadFilename.contentDisposition("Été à Zürich 東京", "mp4"))
                .isEqualTo("attachment; filename=\"Ete a Zurich __.mp4\"; "
                        + "filename*=UTF-8''%C3%89t%C3%A9%20%C3%A0%20Z%C3%BCrich%20%E6%9D%B1%E4%BA%AC.mp4");
    }

    @Test
    void aLongTitleIsShortened() {
        String name = DownloadFilename.readable("x".repeat(500));
        assertThat(name).hasSize(100);
    }
}
