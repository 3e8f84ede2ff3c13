package com.yourbit.video.web.body;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedBodyTest {

    /** A body that counts what was read of it, so the test sees the bound was kept while reading. */
    private static final class CountingBody extends InputStream {
        private final InputStream in;
        int read;

        CountingBody(int size) {
            in = new ByteArrayInputStream(new byte[size]);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }

    @Test
    void aBodyWithinTheBoundIsReadWhole() throws IOException {
        assertThat(BoundedBody.readWithin(new CountingBody(10), 10)).hasSize(10);
        assertThat(BoundedBody.readWithin(new CountingBody(0), 10)).isEmpty();
    }

    @Test
    void aBodyOverTheBoundIsRefusedAfterReadingOneBytePastIt() throws IOException {
        CountingBody huge = new CountingBody(1_000_000);
        assertThat(BoundedBody.readWithin(huge, 10)).isNull();
        assertThat(huge.read).isEqualTo(11);
    }

    @Test
    void bodiesAreRecognisedByLengthOrTransferEncoding() {
        assertThat(UnreadBodies.hasBody(null, null)).isFalse();
        assertThat(UnreadBodies.hasBody("0", null)).isFalse();
        assertThat(UnreadBodies.hasBody("12", null)).isTrue();
        assertThat(UnreadBodies.hasBody(null, "chunked")).isTrue();
        assertThat(UnreadBodies.hasBody("x", null)).as("a length the container let through is not trusted").isTrue();
    }
}
