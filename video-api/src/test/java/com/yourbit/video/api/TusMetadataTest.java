package com.yourbit.video.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class TusMetadataTest {

    @Test
    void parsesTheTusSpecificationExample() {
        Map<String, String> metadata =
                TusMetadata.parse("filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential");

        assertThat(metadata).containsExactly(
                entry("filename", "world_domination_plan.pdf"),
                entry("is_confidential", ""));
    }

    @Test
    void toleratesSpacesAroundPairs() {
        assertThat(TusMetadata.parse("filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==, is_confidential"))
                .containsOnlyKeys("filename", "is_confidential");
    }

    @Test
    void absentHeaderIsNoMetadata() {
        assertThat(TusMetadata.parse(null)).isEmpty();
        assertThat(TusMetadata.parse("  ")).isEmpty();
    }

    @Test
    void formatsTheTusSpecificationExample() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("filename", "world_domination_plan.pdf");
        metadata.put("is_confidential", "");

        assertThat(TusMetadata.format(metadata))
                .isEqualTo("filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential");
    }

    @Test
    void formatAndParseRoundTrip() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("filename", "vidéo, 第一 🎬.mp4");
        metadata.put("filetype", "video/mp4");
        metadata.put("empty", "");
        metadata.put("with.dots_and-dashes", "a b\tc");

        assertThat(TusMetadata.parse(TusMetadata.format(metadata))).containsExactlyEntriesOf(metadata);
        assertThat(TusMetadata.format(Map.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "filename not*base64",          // invalid base64
            "filename YQ==,filename Yg==",  // duplicate key
            "filename YQ== extra",          // three parts
            "file name YQ==",               // space in key
            "ключ YQ==",                    // non-ASCII key
            ",filename YQ==",               // empty key
            "filename AQ==",                // control character in the value
    })
    void invalidHeaderIsRefused(String header) {
        assertThatIllegalArgumentException().isThrownBy(() -> TusMetadata.parse(header));
    }

    @Test
    void overlongHeaderIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TusMetadata.parse("k " + "A".repeat(5000)));
    }
}
