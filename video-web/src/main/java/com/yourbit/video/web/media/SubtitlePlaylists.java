package com.yourbit.video.web.media;

import com.yourbit.video.api.captions.WebVtt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HLS subtitles of a local video (RFC 8216): the master playlist gains one
 * {@code EXT-X-MEDIA:TYPE=SUBTITLES} per ready caption and {@code SUBTITLES="subs"} on every
 * {@code EXT-X-STREAM-INF}; each caption has a WebVTT media playlist whose segments have the
 * durations of the video's own (so segment n of the subtitles covers segment n of the video),
 * and each segment holds the cues that overlap it, with an {@code X-TIMESTAMP-MAP} that maps
 * the cue times' zero to the first picture's presentation time (section 3.5): ffmpeg's segments
 * do not start at PTS 0, and without the map players would show every cue early by that much.
 */
final class SubtitlePlaylists {

    static final String GROUP = "subs";
    /** Under {@code /media/{id}/}: a caption's media playlist and segments. */
    static final String DIRECTORY = "captions/";
    static final String MEDIA_PLAYLIST = "index.m3u8";
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9]+(?:\\.[0-9]+)?)");

    /** A ready caption as the master playlist names it. */
    record Track(String lang, String label) {
    }

    private SubtitlePlaylists() {
    }

    /**
     * The master playlist with the tracks added, their URIs signed with {@code token} (the
     * media playlist lines of the rungs are signed by {@link SignedPlaylist}); unchanged without
     * tracks or for a playlist that is not a master playlist (a video made before the ladder).
     */
    static String master(String playlist, List<Track> tracks, String token) {
        if (tracks.isEmpty() || !playlist.contains("#EXT-X-STREAM-INF:")) {
            return playlist;
        }
        String query = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        StringBuilder media = new StringBuilder();
        for (Track track : tracks) {
            media.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(GROUP).append("\",NAME=\"")
                    .append(track.label()).append("\",LANGUAGE=\"").append(track.lang())
                    .append("\",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"").append(DIRECTORY).append(track.lang())
                    .append('/').append(MEDIA_PLAYLIST).append(query).append("\"\n");
        }
        StringBuilder out = new StringBuilder();
        boolean inserted = false;
        for (String line : playlist.split("\n")) {
            if (!inserted && line.startsWith("#EXT-X-STREAM-INF:")) {
                out.append(media);
                inserted = true;
            }
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                line = line + ",SUBTITLES=\"" + GROUP + "\"";
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The {@code #EXTINF} durations of a media playlist, in order. */
    static List<Double> durations(String mediaPlaylist) {
        List<Double> durations = new ArrayList<>();
        for (String line : mediaPlaylist.split("\n")) {
            Matcher m = EXTINF.matcher(line.strip());
            if (m.lookingAt()) {
                durations.add(Double.parseDouble(m.group(1)));
            }
        }
        return durations;
    }

    /** A caption's VOD media playlist with one WebVTT segment per video segment. */
    static String mediaPlaylist(List<Double> durations) {
        long target = Math.max(1, (long) Math.ceil(durations.stream().mapToDouble(Double::doubleValue).max().orElse(1)));
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:").append(target)
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        for (int i = 0; i < durations.size(); i++) {
            out.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", durations.get(i))).append(segmentName(i)).append('\n');
        }
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    static String segmentName(int index) {
        return String.format(Locale.ROOT, "seg%05d.vtt", index);
    }

    /**
     * Segment {@code index}: the cues overlapping its span, their times as written (relative to
     * the video's start), mapped by {@code X-TIMESTAMP-MAP} to {@code startPts}.
     */
    static String segment(WebVtt vtt, List<Double> durations, int index, long startPts) {
        double from = 0;
        for (int i = 0; i < index; i++) {
            from += durations.get(i);
        }
        long fromMillis = Math.round(from * 1000);
        long toMillis = index == durations.size() - 1 ? Long.MAX_VALUE : Math.round((from + durations.get(index)) * 1000);
        StringBuilder out = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:").append(startPts)
                .append(",LOCAL:00:00:00.000\n");
        for (WebVtt.Cue cue : vtt.cues()) {
            if (cue.endMillis() > fromMillis && cue.startMillis() < toMillis) {
                out.append('\n');
                if (cue.identifier() != null) {
                    out.append(cue.identifier()).append('\n');
                }
                out.append(time(cue.startMillis())).append(" --> ").append(time(cue.endMillis()));
                if (!cue.settings().isEmpty()) {
                    out.append(' ').append(cue.settings());
                }
                out.append('\n');
                cue.text().forEach(line -> out.append(line).append('\n'));
            }
        }
        return out.toString();
    }

    private static String time(long millis) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
