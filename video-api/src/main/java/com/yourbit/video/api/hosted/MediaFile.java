package com.yourbit.video.api.hosted;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Media to serve, with its media type and size: a file on this node ({@code path}), or bytes
 * kept elsewhere (an object store) that {@code opener} reads a range of, so they are streamed
 * through without a copy on the node.
 *
 * @param path the file, or null when the bytes are read through {@code opener}
 * @param opener reads a range of bytes kept elsewhere; null for a file
 */
public record MediaFile(Path path, String contentType, long size, Opener opener) {

    /** Opens {@code length} bytes from {@code first}; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long first, long length) throws IOException;
    }

    public MediaFile {
        if ((path == null) == (opener == null)) {
            throw new IllegalArgumentException("media is either a file or read through an opener");
        }
    }

    public MediaFile(Path path, String contentType, long size) {
        this(path, contentType, size, null);
    }

    /** Bytes kept elsewhere, read a range at a time. */
    public static MediaFile streamed(String contentType, long size, Opener opener) {
        return new MediaFile(null, contentType, size, opener);
    }

    public boolean isFile() {
        return path != null;
    }

    /** {@code length} bytes from {@code first}, from the file or through the opener. */
    public InputStream open(long first, long length) throws IOException {
        if (opener != null) {
            return length == 0 ? InputStream.nullInputStream() : opener.open(first, length);
        }
        InputStream in = Files.newInputStream(path);
        try {
            in.skipNBytes(first);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BoundedInput(in, length);
    }

    /** The whole of a small text (a playlist, a WebVTT file). */
    public String readString() throws IOException {
        if (path != null) {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        try (InputStream in = open(0, size)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
