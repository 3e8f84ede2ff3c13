package com.yourbit.video.domain.expiry;

/** The counts and times of a sweep while it runs; {@link #result} once it is done. */
final class SweepProgress {

    int examined;
    int expired;
    int recovered;
    int retry;
    long lookupNanos;
    long readNanos;
    long expiryNanos;
    long cancelNanos;

    SweepResult result(long totalNanos) {
        return new SweepResult(examined, expired, recovered, retry,
                millis(lookupNanos), millis(readNanos), millis(expiryNanos), millis(cancelNanos), millis(totalNanos));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
