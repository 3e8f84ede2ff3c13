package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.NamedProvider;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds providers by name among the CDI beans qualified with {@link NamedProvider}. New
 * uploads go to {@code video.provider} (default {@code local}) unless the request names
 * another configured provider; an existing video always goes to its own provider.
 */
@ApplicationScoped
public class ProviderRegistry {

    static final String PROVIDER_KEY = "video.provider";
    static final String DEFAULT_PROVIDER = "local";

    @Inject
    @Any
    Instance<VideoProvider> providers;

    @Inject
    Config config;

    /** The provider that takes a new upload. Read on every call: configuration may change. */
    public VideoProvider forNewUpload(Optional<String> requested) {
        String name = requested.orElseGet(this::configuredDefault);
        VideoProvider provider = find(name).orElseThrow(() -> new VideoException(ErrorCode.UNKNOWN_PROVIDER,
                "provider '" + safe(name) + "' is not known to this service"));
        if (!provider.isConfigured()) {
            throw new VideoException(ErrorCode.UNKNOWN_PROVIDER, "provider '" + name + "' is not configured on this service");
        }
        return provider;
    }

    public VideoProvider forVideo(Video video) {
        return find(video.getProvider().value()).orElseThrow(() -> new IllegalStateException(
                "no provider bean for storage type " + video.getProvider()));
    }

    /** A capability (e.g. {@code PlaybackSigner}) of the video's provider, if it has it. */
    public <T> Optional<T> capability(Video video, Class<T> capability) {
        VideoProvider provider = forVideo(video);
        return capability.isInstance(provider) ? Optional.of(capability.cast(provider)) : Optional.empty();
    }

    /** A provider by name, configured or not; empty when no such provider exists. */
    public Optional<VideoProvider> byName(String name) {
        return find(name);
    }

    public String configuredDefault() {
        return config.getOptionalValue(PROVIDER_KEY, String.class).orElse(DEFAULT_PROVIDER);
    }

    public List<ProviderName> known() {
        return providers.stream().map(VideoProvider::name).sorted((a, b) -> a.value().compareTo(b.value())).toList();
    }

    /**
     * The provider beans found so far, by name: resolving one costs more than a signed URL's
     * other work. Only names that exist are kept (the deployed beans, a fixed few), so a flood
     * of made-up names grows nothing; the beans are application-scoped proxies.
     */
    private final Map<String, VideoProvider> resolved = new ConcurrentHashMap<>();

    private Optional<VideoProvider> find(String name) {
        VideoProvider known = resolved.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        if (!ProviderName.isValid(name)) {
            return Optional.empty();
        }
        Instance<VideoProvider> match = providers.select(new NamedProvider.Literal(ProviderName.of(name)));
        if (!match.isResolvable()) {
            return Optional.empty();
        }
        VideoProvider provider = match.get();
        resolved.put(name, provider);
        return Optional.of(provider);
    }

    private static String safe(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
