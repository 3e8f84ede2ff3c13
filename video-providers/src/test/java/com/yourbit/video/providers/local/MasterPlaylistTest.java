package com.yourbit.video.providers.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MasterPlaylistTest {

    @Test
    void eachRenditionIsListedWithWhatWasMeasuredSmallestFirst() {
        List<MeasuredRendition> measured = List.of(
                new MeasuredRendition("720p", 1280, 720, 3_912_004, 2_901_113, "avc1.64001f,mp4a.40.2", 30),
                new MeasuredRendition("240p", 426, 240, 551_230, 470_120, "avc1.640015,mp4a.40.2", 29.97002997));

        assertThat(MasterPlaylist.write(measured)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=551230,AVERAGE-BANDWIDTH=470120,RESOLUTION=426x240,FRAME-RATE=29.970,CODECS="avc1.640015,mp4a.40.2"
                240p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=3912004,AVERAGE-BANDWIDTH=2901113,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS="avc1.64001f,mp4a.40.2"
                720p/index.m3u8
                """);
    }

    @Test
    void aVideoWithoutSoundNamesOnlyItsVideoCodec() {
        assertThat(MasterPlaylist.write(List.of(new MeasuredRendition("120p", 160, 120, 90_000, 80_000, "avc1.64000c", 15))))
                .contains("RESOLUTION=160x120,FRAME-RATE=15.000,CODECS=\"avc1.64000c\"\n120p/index.m3u8\n");
    }

    @Test
    void aMasterPlaylistListsSomething() {
        assertThatIllegalArgumentException().isThrownBy(() -> MasterPlaylist.write(List.of()));
    }
}
