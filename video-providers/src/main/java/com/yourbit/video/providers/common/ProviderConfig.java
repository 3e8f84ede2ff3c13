package com.yourbit.video.providers.common;

import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How the providers read their configuration, the one way they all follow: each provider has
 * an immutable settings record ({@code MuxSettings}, {@code CloudflareSettings},
 * {@code LocalSettings}) and one small reader bean whose {@code current()} builds it from
 * MicroProfile Config through this class, asked for on every use.
 *
 * <p>Why on every use: the action map and the secrets are changed at run time (admin console,
 * jboss-cli, a config source) and must apply to the next request without a redeploy. Why a
 * record: one use sees one consistent snapshot, and what works below the provider (webhook
 * readers, API clients, token signers) takes plain values that unit tests build directly.
 * Reading is cheap, a few look-ups in the server's config; what is costly to build from the
 * settings (a REST client, a parsed signing key) is kept and rebuilt only when its part of
 * the settings changes.
 */
public final class ProviderConfig {

    private final Config config;
    private final String prefix;

    /** @param prefix the provider's part of the action map, e.g. {@code video.action-map.mux.} */
    public ProviderConfig(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /** A key of the provider's action map (defaults in {@code META-INF/microprofile-config.properties}). */
    public String value(String key) {
        return config.getValue(prefix + key, String.class).trim();
    }

    /** An optional key of the action map; blank counts as not set. */
    public Optional<String> optional(String key) {
        return nonBlank(config.getOptionalValue(prefix + key, String.class));
    }

    /** A secret, under its own name (an environment variable or system property); blank counts as not set. */
    public Optional<String> secret(String name) {
        return nonBlank(config.getOptionalValue(name, String.class));
    }

    /**
     * A short digest of these values (secrets among them), never the values themselves: it
     * changes when any of them does, e.g. a signing key's version ({@code PlaybackSigner}).
     */
    public static String fingerprint(String... values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String value : values) {
                digest.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(s -> !s.isEmpty());
    }
}
