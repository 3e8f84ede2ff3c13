package com.yourbit.video.providers.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * An origin's body that must bring at least {@code minBytes} per {@code window}: one that
 * trickles (a byte now and then, never waiting long enough for the idle timeout) is cut, so
 * that it cannot hold one of the few download slots for hours. The store that reads it keeps
 * what arrived; {@link #tripped()} then tells the downloader why the body ended.
 */
final class MinimumRate extends FilterInputStream {

    /** The body came slower than the minimum. */
    static final class SlowOriginException extends IOException {
        private static final long serialVersionUID = 1L;

        SlowOriginException(long minBytes, Duration window) {
            super("the origin sent fewer than " + minBytes + " bytes in " + seconds(window) + " s");
        }
    }

    private final long minBytes;
    private final long windowNanos;
    private final Duration window;
    private long windowStart = System.nanoTime();
    private long bytesInWindow;
    private volatile boolean tripped;

    MinimumRate(InputStream body, Duration window, long minBytes) {
        super(body);
        this.window = window;
        this.windowNanos = window.toNanos();
        this.minBytes = minBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            bytesInWindow += n;
        }
        long now = System.nanoTime();
        if (n >= 0 && now - windowStart >= windowNanos) {
            if (bytesInWindow < minBytes) {
                tripped = true;
                throw new SlowOriginException(minBytes, window);
            }
            windowStart = now;
            bytesInWindow = 0;
        }
        return n;
    }

    /** Whether the body was cut for being too slow. */
    boolean tripped() {
        return tripped;
    }

    SlowOriginException failure() {
        return new SlowOriginException(minBytes, window);
    }

    private static String seconds(Duration window) {
        long millis = window.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
