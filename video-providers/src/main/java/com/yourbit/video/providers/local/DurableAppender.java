package com.yourbit.video.providers.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Appends bytes to an upload's file so that they are on disk when {@link #finish()} returns.
 * <p>
 * Whole blocks go out with {@code O_DIRECT | O_DSYNC}: each write is durable when it
 * completes, the page cache is bypassed, and there is no fsync of megabytes of dirty pages
 * at the end of a chunk (buffered writes plus fsync measured less than half the speed on
 * this kind of disk). Two buffers take turns: while one is written, the request's next
 * bytes fill the other, so the network and the disk work at the same time. A write always
 * starts at a block boundary: the partial block already in the file is read back and
 * written again together with the new bytes. Only the last partial block of a chunk goes
 * through the page cache, followed by {@code fdatasync}. Writes complete in file order, so
 * the file's size never covers bytes that are not on disk: after a crash the size is still
 * an offset whose bytes are intact. Where the file system refuses direct I/O (tmpfs, some
 * network file systems), everything is written buffered and forced at the end.
 */
final class DurableAppender implements Closeable {

    private static final Logger LOG = Logger.getLogger(DurableAppender.class.getName());
    private static final int BUFFER = 4 << 20;
    private static final int POOLED = 8;
    private static final Queue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    private static final OpenOption DIRECT = directOption();
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static final Map<Path, Integer> BLOCK_SIZES = new ConcurrentHashMap<>();

    private final FileChannel buffered;
    private final AsynchronousFileChannel direct;
    private final int block;
    /** Bytes not yet written; its first byte belongs at {@link #pendingAt} in the file. */
    private ByteBuffer pending;
    private long pendingAt;
    /** The buffer being written, if any, and the write. */
    private ByteBuffer writing;
    private Future<Integer> write;
    private long writingAt;

    private DurableAppender(FileChannel buffered, AsynchronousFileChannel direct, int block, long start) throws IOException {
        this.buffered = buffered;
        this.direct = direct;
        this.block = block;
        if (direct == null) {
            this.pendingAt = start;
            return;
        }
        this.pending = borrow(block);
        int partial = (int) (start % block);
        this.pendingAt = start - partial;
        if (partial > 0) {
            pending.limit(partial);
            while (pending.hasRemaining()) {
                if (buffered.read(pending, pendingAt + pending.position()) < 0) {
                    throw new IOException("the upload's file is shorter than its offset");
                }
            }
            pending.limit(pending.capacity());
        }
    }

    /** Opens the file to append at {@code start}, its current size. */
    static DurableAppender open(Path file, long start) throws IOException {
        FileChannel buffered = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        AsynchronousFileChannel direct = null;
        try {
            int block = blockSize(file);
            direct = block > 0 ? openDirect(file) : null;
            if (REPORTED.compareAndSet(false, true)) {
                boolean isDirect = direct != null;
                LOG.info(() -> "uploads in " + file.getParent() + " are written " + (isDirect
                        ? "with direct I/O in blocks of " + block + " bytes" : "buffered and forced (no direct I/O here)"));
            }
            return new DurableAppender(buffered, direct, block, start);
        } catch (IOException | RuntimeException e) {
            try (buffered; AsynchronousFileChannel d = direct) {
                throw e;
            }
        }
    }

    /** Whether whole blocks bypass the page cache (false where the file system refuses direct I/O). */
    boolean isDirect() {
        return direct != null;
    }

    void append(byte[] bytes, int offset, int length) throws IOException {
        if (direct == null) {
            ByteBuffer wrapped = ByteBuffer.wrap(bytes, offset, length);
            while (wrapped.hasRemaining()) {
                pendingAt += buffered.write(wrapped, pendingAt);
            }
            return;
        }
        int at = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, pending.remaining());
            pending.put(bytes, at, n);
            at += n;
            left -= n;
            if (!pending.hasRemaining()) {
                startWritingPending();
            }
        }
    }

    /** Makes everything appended durable; the file's size is then the new offset. Call it once, last. */
    void finish() throws IOException {
        if (direct != null) {
            awaitWrite();
            int whole = pending.position() - pending.position() % block;
            if (whole > 0) {
                int filled = pending.position();
                pending.position(0).limit(whole);
                writeFully(pending, pendingAt);
                pendingAt += whole;
                pending.limit(filled).position(whole);
                pending.compact();
            }
            if (pending.position() > 0) {
                pending.flip();
                long at = pendingAt;
                while (pending.hasRemaining()) {
                    at += buffered.write(pending, at);
                }
                pending.clear();
            }
        }
        buffered.force(false);
    }

    /** Drops what was appended from {@code start} on (an unverifiable chunk) and makes that durable. */
    void discardFrom(long start) throws IOException {
        try {
            awaitWrite();
        } finally {
            if (pending != null) {
                pending.clear();
            }
            buffered.truncate(start);
            buffered.force(false);
        }
    }

    /** Hands the full pending buffer to the disk and continues in the other one. */
    private void startWritingPending() throws IOException {
        awaitWrite();
        pending.flip();
        writing = pending;
        writingAt = pendingAt;
        write = direct.write(writing, writingAt);
        pendingAt += writing.limit();
        pending = borrow(block);
    }

    /** Waits for the write in flight; a short write is completed before anything else goes out. */
    private void awaitWrite() throws IOException {
        if (write == null) {
            return;
        }
        Future<Integer> done = write;
        write = null;
        try {
            writingAt += await(done);
            writeFully(writing, writingAt);
        } finally {
            if (done.isDone()) {
                release(writing); // never a buffer the disk may still be reading
            }
            writing = null;
        }
    }

    private void writeFully(ByteBuffer bytes, long at) throws IOException {
        long position = at;
        while (bytes.hasRemaining()) {
            position += await(direct.write(bytes, position));
        }
    }

    private static int await(Future<Integer> write) throws IOException {
        try {
            return write.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
    }

    @Override
    public void close() throws IOException {
        try (buffered; AsynchronousFileChannel d = direct) {
            if (write != null) {
                try {
                    await(write);
                } catch (IOException alreadyReported) {
                    // the caller is failing already; only the buffer's return depends on this
                }
                if (write.isDone()) {
                    release(writing);
                }
            }
        } finally {
            if (pending != null) {
                release(pending);
            }
        }
    }

    /** 0 where direct I/O cannot be used. Looked up once per directory (it reads the mount table). */
    private static int blockSize(Path file) {
        if (DIRECT == null) {
            return 0;
        }
        return BLOCK_SIZES.computeIfAbsent(file.toAbsolutePath().getParent(), dir -> {
            try {
                long size = Files.getFileStore(dir).getBlockSize();
                return size >= 512 && size <= 65536 && Long.bitCount(size) == 1 ? (int) size : 0;
            } catch (IOException | UnsupportedOperationException e) {
                return 0;
            }
        });
    }

    /** Its writes run on the JDK's own I/O threads for file channels, never a request thread. */
    private static AsynchronousFileChannel openDirect(Path file) {
        try {
            return AsynchronousFileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC, DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.fine(() -> "no direct I/O for uploads in " + file.getParent() + " (" + e.getMessage() + "); writing buffered");
            return null;
        }
    }

    /** {@code com.sun.nio.file.ExtendedOpenOption.DIRECT} where the JDK has it. */
    private static OpenOption directOption() {
        try {
            Class<?> extended = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            return (OpenOption) extended.getField("DIRECT").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** A direct buffer whose address and size are multiples of {@code block}, as O_DIRECT needs. */
    private static ByteBuffer borrow(int block) {
        ByteBuffer buffer = POOL.poll();
        if (buffer == null || buffer.capacity() % block != 0 || buffer.alignmentOffset(0, block) != 0) {
            buffer = ByteBuffer.allocateDirect(BUFFER + block).alignedSlice(block);
        }
        return buffer.clear();
    }

    private static void release(ByteBuffer buffer) {
        if (POOL.size() < POOLED) {
            POOL.offer(buffer.clear());
        }
    }
}
