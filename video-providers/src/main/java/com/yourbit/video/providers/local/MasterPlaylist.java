package com.yourbit.video.providers.local;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the HLS master playlist of a ladder: one {@code EXT-X-STREAM-INF} per rendition, with
 * what was measured of it, smallest bandwidth first (players start with the first one listed
 * until they have measured the network).
 */
public final class MasterPlaylist {

    private MasterPlaylist() {
    }

    public static String write(List<MeasuredRendition> renditions) {
        if (renditions.isEmpty()) {
            throw new IllegalArgumentException("a master playlist lists at least one rendition");
        }
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        // Every segment starts with a keyframe (LadderEncoder): each can be decoded on its own.
        out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        renditions.stream().sorted(Comparator.comparingLong(MeasuredRendition::bandwidth)
                        .thenComparingInt(MeasuredRendition::height))
                .forEach(r -> out.append(String.format(Locale.ROOT,
                        "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,FRAME-RATE=%.3f,CODECS=\"%s\"\n",
                        r.bandwidth(), r.averageBandwidth(), r.width(), r.height(), r.frameRate(), r.codecs()))
                        .append(r.name()).append('/').append(HlsRenditions.MEDIA_PLAYLIST).append('\n'));
        return out.toString();
    }
}
