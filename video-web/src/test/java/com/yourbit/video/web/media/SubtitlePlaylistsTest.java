package com.yourbit.video.web.media;

import com.yourbit.video.api.captions.WebVtt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubtitlePlaylistsTest {

    private static final String MASTER = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240\n240p/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\n360p/index.m3u8\n";

    @Test
    void theMasterPlaylistListsTheTracksAndEveryVariantNamesTheGroup() {
        String master = SubtitlePlaylists.master(MASTER, List.of(new SubtitlePlaylists.Track("en-GB", "English"),
                new SubtitlePlaylists.Track("de", "Deutsch")), "a.b+c");
        List<String> lines = master.lines().toList();
        assertThat(lines.get(3)).isEqualTo("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en-GB\","
                + "DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"captions/en-GB/index.m3u8?token=a.b%2Bc\"");
        assertThat(lines.get(4)).contains("LANGUAGE=\"de\"");
        assertThat(lines).filteredOn(l -> l.startsWith("#EXT-X-STREAM-INF:")).hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith(",SUBTITLES=\"subs\""));
        assertThat(lines).contains("240p/index.m3u8", "360p/index.m3u8");
    }

    @Test
    void withoutTracksOrWithoutAMasterPlaylistNothingChanges() {
        assertThat(SubtitlePlaylists.master(MASTER, List.of(), "t")).isEqualTo(MASTER);
        String media = "#EXTM3U\n#EXTINF:6.0,\nseg00000.ts\n";
        assertThat(SubtitlePlaylists.master(media, List.of(new SubtitlePlaylists.Track("en", "English")), "t")).isEqualTo(media);
    }

    @Test
    void theMediaPlaylistHasTheVideoSegmentsDurations() {
        List<Double> durations = SubtitlePlaylists.durations("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000000,\nseg00000.ts\n"
                + "#EXTINF:2.040000,\nseg00001.ts\n#EXT-X-ENDLIST\n");
        assertThat(durations).containsExactly(6.0, 2.04);
        assertThat(SubtitlePlaylists.mediaPlaylist(durations)).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:6.000000,\nseg00000.vtt\n"
                + "#EXTINF:2.040000,\nseg00001.vtt\n#EXT-X-ENDLIST\n");
    }

    @Test
    void aSegmentHoldsTheCuesOverlappingItMappedToTheFirstPts() {
        WebVtt vtt = WebVtt.parse("WEBVTT\n\n00:01.000 --> 00:03.000\nfirst\n\nspan\n00:05.500 --> 00:06.500 align:start\n"
                + "across\n\n01:00:07.000 --> 01:00:08.000\nlast\n");
        List<Double> durations = List.of(6.0, 6.0);
        String first = SubtitlePlaylists.segment(vtt, durations, 0, 126000);
        assertThat(first).isEqualTo("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n"
                + "00:00:01.000 --> 00:00:03.000\nfirst\n\nspan\n00:00:05.500 --> 00:00:06.500 align:start\nacross\n");
        String second = SubtitlePlaylists.segment(vtt, durations, 1, 126000);
        // The cue across the boundary is in both; the last segment takes every cue after it.
        assertThat(second).contains("across").contains("01:00:07.000 --> 01:00:08.000\nlast").doesNotContain("first");
        assertThat(WebVtt.parse(second).cues()).hasSize(2);
    }
}
