package com.yourbit.video.api;

import java.util.List;

/**
 * Capability: verify and read a provider's webhook delivery. A delivery whose signature is
 * missing, wrong or stale is refused with {@link WebhookRejectedException} before its body
 * is trusted. Events the service does not act on give an empty list.
 */
public interface WebhookReceiver {

    List<ProviderUpdate> receive(WebhookDelivery delivery);
}
