package com.yourbit.video.providers.mux;

import java.util.Optional;

/**
 * Mux's secrets, read through MicroProfile Config (environment variables or system
 * properties) under the seed's names by {@link MuxSettingsReader}. {@link #toString()} never
 * prints them.
 *
 * @param signingKeyId {@code MUX_SIGNING_KEY}, the playback signing key's id (the JWT {@code kid})
 * @param privateKey {@code MUX_PRIVATE_KEY}, base64 of the signing key's PEM, as Mux hands it out
 */
public record MuxSecrets(Optional<String> tokenId, Optional<String> tokenSecret, Optional<String> signingKeyId,
                         Optional<String> privateKey, Optional<String> webhookSecret) {

    public boolean hasApiAccess() {
        return tokenId.isPresent() && tokenSecret.isPresent();
    }

    public boolean hasSigningKey() {
        return signingKeyId.isPresent() && privateKey.isPresent();
    }

    @Override
    public String toString() {
        return "MuxSecrets[apiAccess=" + hasApiAccess() + ", signingKey=" + hasSigningKey()
                + ", webhookSecret=" + webhookSecret.isPresent() + "]";
    }
}
