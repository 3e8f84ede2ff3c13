package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The presentation time stamp (ISO/IEC 13818-1 2.4.3.6) of the first picture of an MPEG-TS
 * segment: where the video starts on the 90 kHz clock. A caption's times count from the first
 * picture of the uploaded video, so that is what a WebVTT segment's {@code X-TIMESTAMP-MAP} maps
 * its zero to. It is not 0: ffmpeg's muxer shifts every time stamp by its mux delay (1.4 s) and
 * B-frames put the first picture's PTS a few frames after the first DTS (1.48 s at 25 fps), while
 * AAC priming starts the audio before it. Without video (audio only), the first audio PTS. Only
 * the first {@link #SCAN_BYTES} are read: the first pictures are there.
 */
final class TsStartTime {

    private static final int PACKET = 188;
    static final int SCAN_BYTES = 256 * PACKET;

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
        long video = Long.MAX_VALUE;
        long audio = Long.MAX_VALUE;
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
            if (streamId >= 0xE0) {
                video = Math.min(video, pts);
            } else {
                audio = Math.min(audio, pts);
            }
        }
        long start = video != Long.MAX_VALUE ? video : audio;
        return start == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(start);
    }
}
