package com.yourbit.video.api.hosted;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A digest a chunk must match (tus checksum extension): the algorithm as tus names it and
 * the digest's bytes.
 */
public record ChunkChecksum(String algorithm, byte[] digest) {

    /** tus names ({@code Tus-Checksum-Algorithm}); see {@link #javaName()} for their {@link java.security.MessageDigest} names. */
    public static final Set<String> SUPPORTED = Set.of("sha1", "sha256", "sha512", "md5");

    public ChunkChecksum {
        algorithm = Objects.requireNonNull(algorithm, "algorithm").toLowerCase(Locale.ROOT);
        if (!SUPPORTED.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported checksum algorithm");
        }
        digest = digest.clone();
    }

    public String javaName() {
        return switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> "MD5";
        };
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
