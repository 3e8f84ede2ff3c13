package com.yourbit.video.providers.local;

import com.yourbit.video.providers.local.RenditionMeter.Segment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class RenditionMeterTest {

    /** What ffprobe -show_streams -show_data says of a segment x264 and ffmpeg's AAC encoder made. */
    private static final String PROBED = """
            {"streams": [
              {"index": 0, "codec_name": "h264", "profile": "High", "codec_type": "video", "width": 426, "height": 240,
               "level": 21, "r_frame_rate": "30/1", "avg_frame_rate": "30/1",
               "extradata": "\\n00000000: 0000 0167 6400 15ac d941 b1fe 4fff 0280  ...gd....A..O...\\n00000010: 027f 1000 0003 0010 0000 0303 c0f1 62d9  ..............b.\\n00000020: 6000 0000 0168 efbc b0                   `....h...\\n"},
              {"index": 1, "codec_name": "aac", "profile": "LC", "codec_type": "audio", "r_frame_rate": "0/0",
               "extradata": "\\n"}
            ]}
            """;

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void segmentsAreReadWithTheirDurations() throws Exception {
        String playlist = """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:6
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXTINF:6.006000,
                seg00000.ts
                #EXTINF:1.501500,
                seg00001.ts
                #EXT-X-ENDLIST
                """;

        assertThat(RenditionMeter.segments(playlist)).containsExactly(
                new Segment("seg00000.ts", 6.006, 0), new Segment("seg00001.ts", 1.5015, 0));
        assertThat(RenditionMeter.targetDuration(playlist)).isEqualTo(6.0);
    }

    @Test
    void aPlaylistNamingAnythingButItsSegmentsIsRefused() {
        assertThatIOException().isThrownBy(() -> RenditionMeter.segments("#EXTINF:6.0,\n../../etc/passwd\n"));
        assertThatIOException().isThrownBy(() -> RenditionMeter.segments("seg00000.ts\n"));
        assertThatIOException().isThrownBy(() -> RenditionMeter.segments("#EXTINF:abc,\nseg00000.ts\n"));
    }

    /**
     * RFC 8216 §4.1: the peak is over runs of segments lasting 0.5 to 1.5 target durations, so
     * the short last segment (0.5 s, whose own rate is 3.2 Mbit/s) counts only with the one before.
     */
    @Test
    void thePeakIsOverRunsOfHalfToOneAndAHalfTargetDurations() {
        List<Segment> segments = List.of(new Segment("seg00000.ts", 6, 600_000), new Segment("seg00001.ts", 6, 900_000),
                new Segment("seg00002.ts", 0.5, 200_000));

        RenditionMeter.Bitrates bitrates = RenditionMeter.bitrates(segments, 6);

        assertThat(bitrates.peak()).isEqualTo(1_353_847); // (900000 + 200000) * 8 / 6.5, rounded up
        assertThat(bitrates.average()).isEqualTo(1_088_000); // 1700000 * 8 / 12.5
    }

    @Test
    void aVideoShorterThanHalfTheTargetDurationHasItsAverageAsItsPeak() {
        RenditionMeter.Bitrates bitrates = RenditionMeter.bitrates(List.of(new Segment("seg00000.ts", 2, 100_000)), 6);

        assertThat(bitrates.peak()).isEqualTo(400_000);
        assertThat(bitrates.average()).isEqualTo(400_000);
    }

    @Test
    void codecsComeFromTheSequenceParameterSetAndTheAudioProfile() throws Exception {
        RenditionMeter.StreamFacts facts = RenditionMeter.streams(json(PROBED));

        assertThat(facts).isEqualTo(new RenditionMeter.StreamFacts(426, 240, 30.0, "avc1.640015,mp4a.40.2"));
    }

    @Test
    void avc1FromAnAvcCRecordOrElseFromTheProfileAndLevelNames() throws Exception {
        assertThat(RenditionMeter.avc1(json("{\"extradata\": \"\\n00000000: 014d 401f ffe1 0019 674d 401f  ...\\n\"}")))
                .isEqualTo("avc1.4d401f");
        assertThat(RenditionMeter.avc1(json("{\"profile\": \"Constrained Baseline\", \"level\": 30}")))
                .isEqualTo("avc1.42401e");
        assertThat(RenditionMeter.avc1(json("{\"profile\": \"High\", \"level\": 40}"))).isEqualTo("avc1.640028");
        assertThatIOException().isThrownBy(() -> RenditionMeter.avc1(json("{\"profile\": \"High\"}")));
    }

    @Test
    void aacObjectTypes() throws Exception {
        assertThat(RenditionMeter.mp4a(json("{\"codec_name\": \"aac\", \"profile\": \"HE-AAC\"}"))).isEqualTo("mp4a.40.5");
        assertThat(RenditionMeter.mp4a(json("{\"codec_name\": \"aac\", \"profile\": \"HE-AACv2\"}"))).isEqualTo("mp4a.40.29");
        assertThat(RenditionMeter.mp4a(json("{\"codec_name\": \"mp3\"}"))).isEqualTo("mp4a.40.34");
        assertThatIOException().isThrownBy(() -> RenditionMeter.mp4a(json("{\"codec_name\": \"opus\"}")));
    }

    @Test
    void aRenditionWithoutH264VideoIsRefused() {
        assertThatIOException().isThrownBy(() -> RenditionMeter.streams(json(
                "{\"streams\": [{\"codec_type\": \"video\", \"codec_name\": \"vp9\", \"width\": 2, \"height\": 2}]}")));
    }
}
