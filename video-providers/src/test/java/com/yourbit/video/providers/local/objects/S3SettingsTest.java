package com.yourbit.video.providers.local.objects;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SettingsTest {

    private static final String KEYS = "video.action-map.local.s3.";

    private static S3Settings read(Map<String, String> values) {
        return S3Settings.read(KEYS, key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsSuitAnS3CompatibleStore() {
        S3Settings settings = read(Map.of("bucket", "videos", "endpoint", "http://minio:9000"));

        assertThat(settings.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.prefix()).isEmpty();
        assertThat(settings.minPartSize()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void aPrefixEndsInASlash() {
        assertThat(read(Map.of("bucket", "videos", "prefix", "prod/video")).prefix()).isEqualTo("prod/video/");
    }

    @Test
    void aWrongValueIsRefusedWithItsKeyNamed() {
        assertThatThrownBy(() -> read(Map.of())).hasMessageContaining(KEYS + "bucket");
        assertThatThrownBy(() -> read(Map.of("bucket", "Not_A_Bucket"))).hasMessageContaining(KEYS + "bucket");
        assertThatThrownBy(() -> read(Map.of("bucket", "videos", "endpoint", "minio:9000"))).hasMessageContaining(KEYS + "endpoint");
        assertThatThrownBy(() -> read(Map.of("bucket", "videos", "path-style", "yes"))).hasMessageContaining(KEYS + "path-style");
        assertThatThrownBy(() -> read(Map.of("bucket", "videos", "min-part-size", "1000"))).hasMessageContaining(KEYS + "min-part-size");
        assertThatThrownBy(() -> read(Map.of("bucket", "videos", "prefix", "/abs"))).hasMessageContaining(KEYS + "prefix");
    }

    @Test
    void credentialsInTheEndpointAreRefusedAndNotRepeated() {
        assertThatThrownBy(() -> read(Map.of("bucket", "videos", "endpoint", "http://key:s3cr3t@minio:9000")))
                .hasMessageContaining(KEYS + "endpoint").hasMessageNotContaining("s3cr3t");
    }
}
