package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The body of a request that is writing an upload, which another request for the same upload
 * may ask to stop, as tusd does: a client whose connection broke usually resumes before the
 * server notices, and the old request would otherwise hold the upload until the read timeout.
 * <p>
 * Stopping interrupts the reading thread only while it waits in the body's {@code read}
 * (Undertow then throws {@link InterruptedIOException}), never while it writes to disk: an
 * interrupt closes a {@code FileChannel}, and the bytes received so far must still be stored.
 */
final class ReleasableBody {

    private final InputStream body;
    private final Thread reader = Thread.currentThread();
    private boolean reading;
    private boolean released;
    private volatile long received;
    private long checkpointBytes;
    private final long startedNanos = System.nanoTime();
    private long checkpointNanos = startedNanos;

    /** Called on the thread that will read the body. */
    ReleasableBody(InputStream body) {
        this.body = body;
    }

    /**
     * One read of at most {@code length} bytes. The container may also report a connection it
     * gave up on with an unchecked exception (Undertow answers its read timeout with a
     * NullPointerException from the stream): the client is gone all the same.
     */
    int read(byte[] buffer, int length) throws IOException {
        synchronized (this) {
            if (released) {
                throw new InterruptedIOException("another request for this upload asked this one to stop");
            }
            reading = true;
        }
        try {
            int n = body.read(buffer, 0, length);
            if (n > 0) {
                received += n;
            }
            return n;
        } catch (RuntimeException brokenConnection) {
            throw new IOException("the request body could not be read", brokenConnection);
        } finally {
            synchronized (this) {
                reading = false;
                if (released) {
                    Thread.interrupted(); // our own interrupt: the thread still stores what it received
                }
            }
        }
    }

    /**
     * Whether fewer than {@code minBytes} arrived since the last look at least {@code window}
     * ago; then the next look measures from now. Before a whole window has passed: false.
     */
    synchronized boolean slowerThan(long minBytes, long windowNanos, long nowNanos) {
        if (nowNanos - checkpointNanos < windowNanos) {
            return false;
        }
        boolean slow = received - checkpointBytes < minBytes;
        checkpointBytes = received;
        checkpointNanos = nowNanos;
        return slow;
    }

    /** Whether reading began at least {@code nanos} before {@code nowNanos}. */
    boolean olderThan(long nanos, long nowNanos) {
        return nowNanos - startedNanos >= nanos;
    }

    /** Asks the reader to stop: it keeps what it received and frees the upload. */
    synchronized void release() {
        released = true;
        if (reading) {
            reader.interrupt();
        }
    }
}
