package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The earliest presentation time stamp among the first PES packets of an MPEG-TS segment (ISO/IEC
 * 13818-1 2.4.3.6): where the HLS stream starts on the 90 kHz clock. ffmpeg's muxer does not start
 * at zero (its mux delay shifts the first PTS, typically to 1.4 s), and a WebVTT segment's
 * {@code X-TIMESTAMP-MAP} must name that time, else players show every cue off by the shift.
 * Only the first {@link #SCAN_BYTES} are read: the first video and audio packets are there.
 */
final class TsStartTime {

    private static final int PACKET = 188;
    private static final int SCAN_BYTES = 256 * PACKET;

    private TsStartTime() {
    }

    static OptionalLong of(Path segment) {
        try (InputStream in = Files.newInputStream(segment)) {
            return of(in.readNBytes(SCAN_BYTES));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong of(byte[] ts) {
        long earliest = Long.MAX_VALUE;
        for (int at = 0; at + PACKET <= ts.length; at += PACKET) {
            if ((ts[at] & 0xff) != 0x47) {
                return OptionalLong.empty(); // not aligned MPEG-TS
            }
            boolean payloadStart = (ts[at + 1] & 0x40) != 0;
            int adaptation = (ts[at + 3] >> 4) & 0x3;
            if (!payloadStart || (adaptation & 0x1) == 0) {
                continue;
            }
            int payload = at + 4;
            if ((adaptation & 0x2) != 0) {
                payload += 1 + (ts[at + 4] & 0xff);
            }
            // PES start code 00 00 01, a stream id of audio (0xC0-0xDF) or video (0xE0-0xEF)
            if (payload + 14 > at + PACKET || ts[payload] != 0 || ts[payload + 1] != 0 || ts[payload + 2] != 1) {
                continue;
            }
            int streamId = ts[payload + 3] & 0xff;
            if (streamId < 0xC0 || streamId > 0xEF) {
                continue;
            }
            int flags = ts[payload + 7] & 0xff;
            if ((flags & 0x80) == 0) {
                continue;
            }
            int p = payload + 9;
            long pts = ((long) (ts[p] & 0x0e) << 29) | ((ts[p + 1] & 0xffL) << 22) | ((ts[p + 2] & 0xfeL) << 14)
                    | ((ts[p + 3] & 0xffL) << 7) | ((ts[p + 4] & 0xfeL) >> 1);
            earliest = Math.min(earliest, pts);
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }
}
