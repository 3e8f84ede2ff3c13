package com.yourbit.video.api;

/** A webhook delivery that is refused; the message is safe to answer with (no secrets). */
public class WebhookRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Signature missing, wrong, or its timestamp outside the tolerance: 401. */
        SIGNATURE,
        /** Verified, but not the provider's JSON: 400. */
        MALFORMED
    }

    private final Reason reason;

    public WebhookRejectedException(Reason reason, String safeMessage) {
        super(safeMessage);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
