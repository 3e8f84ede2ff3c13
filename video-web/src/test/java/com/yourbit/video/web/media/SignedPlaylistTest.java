package com.yourbit.video.web.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedPlaylistTest {

    @Test
    void everyUriOfAMasterPlaylistCarriesTheToken() {
        String master = """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=551000,AVERAGE-BANDWIDTH=480000,RESOLUTION=426x240,FRAME-RATE=30.000,CODECS="avc1.640015,mp4a.40.2"
                240p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1061000,AVERAGE-BANDWIDTH=905000,RESOLUTION=640x360,FRAME-RATE=30.000,CODECS="avc1.64001e,mp4a.40.2"
                360p/index.m3u8
                """;

        assertThat(SignedPlaylist.sign(master, "a.b-c_d")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=551000,AVERAGE-BANDWIDTH=480000,RESOLUTION=426x240,FRAME-RATE=30.000,CODECS="avc1.640015,mp4a.40.2"
                240p/index.m3u8?token=a.b-c_d
                #EXT-X-STREAM-INF:BANDWIDTH=1061000,AVERAGE-BANDWIDTH=905000,RESOLUTION=640x360,FRAME-RATE=30.000,CODECS="avc1.64001e,mp4a.40.2"
                360p/index.m3u8?token=a.b-c_d
                """);
    }

    @Test
    void segmentsOfAMediaPlaylistCarryTheTokenAndTagsStayAsTheyAre() {
        String media = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000000,\nseg00000.ts\n\n#EXTINF:2.0,\nseg00001.ts\n#EXT-X-ENDLIST\n";

        assertThat(SignedPlaylist.sign(media, "t+/=")).isEqualTo(
                "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000000,\nseg00000.ts?token=t%2B%2F%3D\n\n"
                        + "#EXTINF:2.0,\nseg00001.ts?token=t%2B%2F%3D\n#EXT-X-ENDLIST\n");
    }
}
