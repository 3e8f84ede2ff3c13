package com.yourbit.video.api;

import java.util.Optional;

/**
 * Capability: ask the provider for a video's true state (to recover a missed webhook or
 * before expiring a stale upload). Empty when the provider has nothing to say yet.
 *
 * @throws ProviderUnavailableException when the provider cannot be asked now
 */
public interface StatusLookup {

    Optional<ProviderUpdate> lookup(VideoRef video);
}
