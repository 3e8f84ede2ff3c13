package com.yourbit.video.providers.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TsStartTimeTest {

    @Test
    void theFirstPicturesPtsNotTheAudiosBeforeIt() {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        ts.writeBytes(packet(0x0000, 0x00, -1, false)); // PAT: no PES
        ts.writeBytes(packet(0x0100, 0xE0, 133_200, true)); // video at 1.48 s, with an adaptation field
        ts.writeBytes(packet(0x0101, 0xC0, 126_000, false)); // audio at 1.4 s
        ts.writeBytes(packet(0x0100, 0xE0, 900_000, false));
        assertThat(TsStartTime.of(ts.toByteArray())).hasValue(133_200);
        // Audio only: the first audio PTS.
        assertThat(TsStartTime.of(packet(0x0101, 0xC0, 126_000, false))).hasValue(126_000);
    }

    @Test
    void notMpegTsOrNoPesIsEmpty() {
        assertThat(TsStartTime.of(new byte[188])).isEmpty();
        assertThat(TsStartTime.of(packet(0x0000, 0x00, -1, false))).isEmpty();
        assertThat(TsStartTime.of(new byte[0])).isEmpty();
    }

    /** One 188-byte packet starting a PES of {@code streamId} with {@code pts} (or none for -1). */
    private static byte[] packet(int pid, int streamId, long pts, boolean adaptation) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) (0x40 | (pid >> 8));
        p[2] = (byte) pid;
        int at = 4;
        if (adaptation) {
            p[3] = 0x30;
            p[4] = 7; // adaptation field length
            at += 1 + 7;
        } else {
            p[3] = 0x10;
        }
        if (pts < 0) {
            return p;
        }
        p[at] = 0;
        p[at + 1] = 0;
        p[at + 2] = 1;
        p[at + 3] = (byte) streamId;
        p[at + 6] = (byte) 0x80;
        p[at + 7] = (byte) 0x80; // PTS only
        p[at + 8] = 5;
        p[at + 9] = (byte) (0x21 | ((pts >> 29) & 0x0e));
        p[at + 10] = (byte) (pts >> 22);
        p[at + 11] = (byte) (0x01 | ((pts >> 14) & 0xfe));
        p[at + 12] = (byte) (pts >> 7);
        p[at + 13] = (byte) (0x01 | ((pts << 1) & 0xfe));
        return p;
    }
}
