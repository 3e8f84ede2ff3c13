package com.yourbit.video.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a provider says happened to one video: from a verified webhook, a status lookup or
 * the local upload server. The domain applies it through its single status-change method.
 *
 * <p>The video is matched by {@code uploadId}, {@code extId} or {@code videoId} (passthrough),
 * whichever is known. {@code eventKey} identifies the event for de-duplication.
 * {@code source} is what the uploader said about its file, where the provider learnt it.
 */
public record ProviderUpdate(
        ProviderName provider,
        String eventKey,
        String videoId,
        String uploadId,
        String extId,
        ProviderState state,
        ReadyDetails ready,
        String errorReason,
        Instant occurredAt,
        SourceFile source) {

    public ProviderUpdate(ProviderName provider, String eventKey, String videoId, String uploadId, String extId,
                          ProviderState state, ReadyDetails ready, String errorReason, Instant occurredAt) {
        this(provider, eventKey, videoId, uploadId, extId, state, ready, errorReason, occurredAt, null);
    }

    public ProviderUpdate {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        if (state == ProviderState.READY) {
            Objects.requireNonNull(ready, "ready details");
        }
        if (videoId == null && uploadId == null && extId == null) {
            throw new IllegalArgumentException("an update must name the video, upload or asset");
        }
    }

    public static ProviderUpdate ready(ProviderName provider, String eventKey, String uploadId, ReadyDetails ready, Instant at) {
        return new ProviderUpdate(provider, eventKey, null, uploadId, ready.extId(), ProviderState.READY, ready, null, at);
    }

    public static ProviderUpdate errored(ProviderName provider, String eventKey, String uploadId, String reason, Instant at) {
        return new ProviderUpdate(provider, eventKey, null, uploadId, null, ProviderState.ERRORED, null, reason, at);
    }
}
