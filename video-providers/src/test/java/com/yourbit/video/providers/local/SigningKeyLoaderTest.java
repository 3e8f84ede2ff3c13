package com.yourbit.video.providers.local;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyLoaderTest {

    @TempDir
    Path storage;

    @Test
    void generatesAndKeepsAPrivateP256KeyReadableOnlyByTheOwner() throws Exception {
        ECKey generated = SigningKeyLoader.load(Optional.empty(), storage);

        Path file = storage.resolve("keys").resolve("media-signing.jwk");
        assertThat(generated.isPrivate()).isTrue();
        assertThat(generated.getCurve()).isEqualTo(Curve.P_256);
        assertThat(generated.getKeyID()).isNotBlank();
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void loadsTheSameKeyTheSecondTime() {
        ECKey first = SigningKeyLoader.load(Optional.empty(), storage);

        ECKey second = SigningKeyLoader.load(Optional.empty(), storage);

        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(second).isEqualTo(first);
    }
}
