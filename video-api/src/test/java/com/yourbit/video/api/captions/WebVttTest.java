package com.yourbit.video.api.captions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebVttTest {

    @Test
    void readsCuesWithIdentifiersSettingsAndBlocks() {
        WebVtt vtt = WebVtt.parse("\uFEFFWEBVTT - a title\r\nKind: captions\r\n\r\n"
                + "STYLE\n::cue { color: yellow }\n\n"
                + "REGION\nid:fred width:40%\n\n"
                + "NOTE a comment\nover two lines\n\n"
                + "intro\n00:00.500 --> 00:02.000 align:start line:0 position:10%,line-left size:50%\nHello\n<b>world</b>\n\n\n"
                + "NOTE between cues\n\n"
                + "01:00:00.000 --> 01:00:01.250\nLater\n");
        assertThat(vtt.cues()).hasSize(2);
        WebVtt.Cue first = vtt.cues().get(0);
        assertThat(first.identifier()).isEqualTo("intro");
        assertThat(first.startMillis()).isEqualTo(500);
        assertThat(first.endMillis()).isEqualTo(2000);
        assertThat(first.text()).containsExactly("Hello", "<b>world</b>");
        assertThat(vtt.cues().get(1).startMillis()).isEqualTo(3_600_000);
    }

    @Test
    void anEmptyFileWithTheSignatureHasNoCues() {
        assertThat(WebVtt.parse("WEBVTT\n").cues()).isEmpty();
        assertThat(WebVtt.parse("WEBVTT").cues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "WEBVTTX\\n\\n00:01.000 --> 00:02.000\\nx|1",
            "1\\n00:01.000 --> 00:02.000\\nno signature|1",
            "WEBVTT\\n00:01.000 --> 00:02.000\\nno blank line after the header|2",
            "WEBVTT\\n\\n00:01.000 -> 00:02.000\\nx|3",
            "WEBVTT\\n\\n00:01.000 --> 00:00.500\\nends before it starts|3",
            "WEBVTT\\n\\n00:01.000 --> 00:01.000\\nends at its start|3",
            "WEBVTT\\n\\n00:61.000 --> 00:62.000\\nsixty-one seconds|3",
            "WEBVTT\\n\\n0:01.000 --> 00:02.000\\none-digit minutes|3",
            "WEBVTT\\n\\n00:01.00 --> 00:02.000\\ntwo-digit millis|3",
            "WEBVTT\\n\\n00:01.000 --> 00:02.000 align:middle\\nbad setting value|3",
            "WEBVTT\\n\\n00:01.000 --> 00:02.000 colour:red\\nunknown setting|3",
            "WEBVTT\\n\\n00:01.000 --> 00:02.000 size:150%\\ntoo big|3",
            "WEBVTT\\n\\n00:01.000 --> 00:02.000\\nfirst\\n00:03.000 --> 00:04.000\\nmissing blank line|5",
            "WEBVTT\\n\\n00:05.000 --> 00:06.000\\nlater\\n\\n00:01.000 --> 00:02.000\\nearlier|6",
            "WEBVTT\\n\\n00:01.000 --> 00:02.000\\nx\\n\\nSTYLE\\n::cue {}|6",
            "WEBVTT\\n\\nNOTE has --> in it|3",
            "WEBVTT\\n\\njust an identifier|3",
            "WEBVTT\\n\\nidentifier\\nnot a timing line|4",
    })
    void invalidFilesAreRefusedNamingTheLine(String file, int line) {
        assertThatThrownBy(() -> WebVtt.parse(file.replace("\\n", "\n")))
                .isInstanceOfSatisfying(WebVttException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageStartingWith("line " + line + ":");
    }

    @Test
    void aNulCharacterIsRefused() {
        assertThatThrownBy(() -> WebVtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\na\0b"))
                .isInstanceOfSatisfying(WebVttException.class, e -> assertThat(e.line()).isEqualTo(4));
    }
}
