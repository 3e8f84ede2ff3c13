package com.yourbit.video.domain.expiry;

/**
 * What one sweep did, and where its time went. Built by {@link SweepProgress} as a sweep runs,
 * or {@link #nothing()}.
 *
 * @param examined stale videos looked at
 * @param expired became {@code expired}
 * @param recovered the provider had finished them: now ready or errored
 * @param retryLater the provider could not be asked (or is still processing); left for the next sweep
 * @param lookupMillis asking providers about the stale videos
 * @param readMillis the database: reading the stale batches (index scans)
 * @param expiryMillis the database: the expiry transactions
 * @param cancelMillis cancelling the expired videos' uploads at their providers
 * @param totalMillis the whole sweep
 */
public record SweepResult(int examined, int expired, int recovered, int retryLater,
                          long lookupMillis, long readMillis, long expiryMillis, long cancelMillis, long totalMillis) {

    /** A sweep that found nothing to look at. */
    public static SweepResult nothing() {
        return new SweepResult(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
