package com.yourbit.video.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceFileTest {

    @Test
    void tusJsClientKeysWinOverUppysAndNothingSaidIsNull() {
        assertThat(SourceFile.fromTusMetadata(Map.of("filename", "a.mp4", "name", "b.mp4", "filetype", "video/mp4")))
                .isEqualTo(new SourceFile("a.mp4", "video/mp4"));
        assertThat(SourceFile.fromTusMetadata(Map.of("name", "b.mov", "type", "video/quicktime")))
                .isEqualTo(new SourceFile("b.mov", "video/quicktime"));
        assertThat(SourceFile.fromTusMetadata(Map.of("other", "x"))).isNull();
    }
}
