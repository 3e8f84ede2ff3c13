package com.yourbit.video.domain.expiry;

/**
 * What one sweep did.
 *
 * @param examined stale videos looked at
 * @param expired became {@code expired}
 * @param recovered the provider had finished them: now ready or errored
 * @param retryLater the provider could not be asked; left for the next sweep
 */
public record SweepResult(int examined, int expired, int recovered, int retryLater) {
}
