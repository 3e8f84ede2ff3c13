package com.yourbit.video.api;

/**
 * The core of a provider: it hands out direct upload URLs. A bean implementing it is
 * qualified with {@link NamedProvider}. Optional capabilities ({@link PlaybackSigner},
 * {@link UploadDisposal}, {@link WebhookReceiver}, {@link StatusLookup}, {@link TusCreationRelay})
 * are further interfaces the same bean implements when it can.
 */
public interface VideoProvider {

    ProviderName name();

    /** Whether this provider has what it needs (accounts, keys) to take new uploads. */
    boolean isConfigured();

    /**
     * Asks the provider for a direct upload URL for one video.
     *
     * @throws ProviderUnavailableException when the provider failed or did not answer
     */
    DirectUpload createUpload(UploadRequest request);

    /**
     * The names of the secrets this provider reads (e.g. {@code MUX_TOKEN_SECRET}), so that
     * administrators can see which are set, never their values.
     */
    default java.util.List<String> secretNames() {
        return java.util.List.of();
    }
}
