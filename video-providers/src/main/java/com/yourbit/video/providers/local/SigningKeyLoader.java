package com.yourbit.video.providers.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.yourbit.video.providers.local.objects.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The EC key that signs media tokens: the configured one, else one generated on first start
 * and kept (owner-readable only) in the storage directory so tokens survive a restart.
 */
final class SigningKeyLoader {

    private static final Logger LOG = Logger.getLogger(SigningKeyLoader.class.getName());

    private SigningKeyLoader() {
    }

    static ECKey load(Optional<String> configuredBase64Jwk, Path storageDir) {
        if (configuredBase64Jwk.isPresent()) {
            return parse(new String(Base64.getDecoder().decode(configuredBase64Jwk.get().trim()), StandardCharsets.UTF_8),
                    "configured " + LocalSettings.SIGNING_KEY_SECRET);
        }
        Path file = storageDir.resolve("keys").resolve("media-signing.jwk");
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file), file.toString());
            }
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, generated.toJSONString());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "generated a media signing key (kid " + generated.getKeyID() + ") in " + file.getParent());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the media signing key under " + file.getParent(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a media signing key", e);
        }
    }

    /**
     * As {@link #load(Optional, Path)}, the generated key kept as an object so every node signs
     * with it. Nodes starting together for the first time may each generate one: each reads back
     * what is stored after its write, so they settle on the last one written.
     */
    static ECKey load(Optional<String> configuredBase64Jwk, ObjectStore store, String key) {
        if (configuredBase64Jwk.isPresent()) {
            return load(configuredBase64Jwk, (Path) null);
        }
        try {
            Optional<byte[]> stored = store.bytes(key);
            if (stored.isEmpty()) {
                ECKey generated = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                        .keyID(UUID.randomUUID().toString()).generate();
                store.put(key, generated.toJSONString().getBytes(StandardCharsets.UTF_8), java.util.Map.of());
                LOG.info(() -> "generated a media signing key (kid " + generated.getKeyID() + ") in the object store");
                stored = store.bytes(key);
            }
            return parse(new String(stored.orElseThrow(() -> new IOException("the stored key is gone")), StandardCharsets.UTF_8),
                    "the object " + key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the media signing key in the object store", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a media signing key", e);
        }
    }

    private static ECKey parse(String json, String source) {
        try {
            ECKey key = ECKey.parse(json);
            if (!key.isPrivate() || key.getKeyID() == null || !Curve.P_256.equals(key.getCurve())) {
                throw new IllegalStateException(source + " must be a private P-256 EC JWK with a kid");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException(source + " is not a JWK");
        }
    }
}
