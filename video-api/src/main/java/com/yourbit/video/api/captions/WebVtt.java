package com.yourbit.video.api.captions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebVTT file (W3C WebVTT, sections 4.1 and 6), checked strictly: the service keeps and hands
 * out the file as given (Mux fetches it, players read it), so what a browser would silently skip
 * is refused here with the line it is on. Checked: the {@code WEBVTT} signature line, header
 * lines without {@code -->}, blocks separated by blank lines, {@code NOTE} comment blocks,
 * {@code STYLE} and {@code REGION} blocks only before the first cue, cue timings
 * {@code [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt} with minutes and seconds below 60 and the end after
 * the start, start times that never go back, known cue settings with valid values, and no
 * {@code -->} inside a cue's text. Line terminators may be CRLF, LF or CR.
 */
public final class WebVtt {

    /** One cue: its times in milliseconds, its settings as written and its text lines. */
    public record Cue(String identifier, long startMillis, long endMillis, String settings, List<String> text) {
    }

    private static final Pattern TIMESTAMP = Pattern.compile("(?:(\\d{2,}):)?(\\d{2}):(\\d{2})\\.(\\d{3})");
    private static final Pattern TIMING = Pattern.compile(
            "(\\S+)[ \\t]+-->[ \\t]+(\\S+)((?:[ \\t]+.*)?)");
    private static final Pattern LOOKS_TIMED = Pattern.compile("(?:\\d+:)?\\d+:\\d+\\.\\d+[ \\t]+\\S*-");
    private static final Pattern PERCENT = Pattern.compile("\\d{1,3}(?:\\.\\d+)?%");
    private static final Set<String> SETTINGS = Set.of("vertical", "line", "position", "size", "align", "region");

    private final List<Cue> cues;

    private WebVtt(List<Cue> cues) {
        this.cues = List.copyOf(cues);
    }

    public List<Cue> cues() {
        return cues;
    }

    /**
     * Reads a whole file.
     *
     * @throws WebVttException naming the first line that is not valid WebVTT
     */
    public static WebVtt parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].indexOf('\0') >= 0) {
                throw new WebVttException(i + 1, "a NUL character is not allowed");
            }
        }
        String signature = lines[0];
        if (!(signature.equals("WEBVTT") || signature.startsWith("WEBVTT ") || signature.startsWith("WEBVTT\t"))) {
            throw new WebVttException(1, "a WebVTT file starts with the line 'WEBVTT'");
        }
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            if (lines[i].contains("-->")) {
                throw new WebVttException(i + 1, "the header must be followed by a blank line before the first cue");
            }
        }
        List<Cue> cues = new ArrayList<>();
        long lastStart = -1;
        while (i < lines.length) {
            if (lines[i].isEmpty()) {
                i++;
                continue;
            }
            int blockStart = i;
            int end = i;
            while (end < lines.length && !lines[end].isEmpty()) {
                end++;
            }
            String first = lines[blockStart];
            if (isKeyword(first, "NOTE") || isKeyword(first, "STYLE") || isKeyword(first, "REGION")) {
                if (!first.startsWith("NOTE") && !cues.isEmpty()) {
                    throw new WebVttException(blockStart + 1, "a " + first.strip() + " block must come before the first cue");
                }
                for (int j = blockStart; j < end; j++) {
                    if (lines[j].contains("-->")) {
                        throw new WebVttException(j + 1, "'-->' is not allowed in a " + keyword(first) + " block");
                    }
                }
            } else {
                Cue cue = cue(lines, blockStart, end, lastStart);
                lastStart = cue.startMillis();
                cues.add(cue);
            }
            i = end;
        }
        return new WebVtt(cues);
    }

    private static Cue cue(String[] lines, int start, int end, long lastStart) {
        int timingLine = start;
        String identifier = null;
        if (!lines[start].contains("-->")) {
            if (LOOKS_TIMED.matcher(lines[start]).lookingAt()) {
                // A mistyped timing line ("00:01.000 -> 00:02.000"), not an identifier: say so where it is.
                throw new WebVttException(start + 1, "expected cue timings 'hh:mm:ss.ttt --> hh:mm:ss.ttt'");
            }
            identifier = lines[start];
            timingLine = start + 1;
            if (timingLine >= end) {
                throw new WebVttException(start + 1, "a cue needs a timing line 'start --> end' (or this is not a block at all)");
            }
            if (!lines[timingLine].contains("-->")) {
                throw new WebVttException(timingLine + 1, "expected cue timings 'hh:mm:ss.ttt --> hh:mm:ss.ttt'");
            }
        }
        int number = timingLine + 1;
        Matcher timing = TIMING.matcher(lines[timingLine]);
        if (!timing.matches()) {
            throw new WebVttException(number, "expected cue timings 'hh:mm:ss.ttt --> hh:mm:ss.ttt'");
        }
        long from = timestamp(timing.group(1), number);
        long to = timestamp(timing.group(2), number);
        if (to <= from) {
            throw new WebVttException(number, "the cue ends at or before its start");
        }
        if (from < lastStart) {
            throw new WebVttException(number, "the cue starts before the cue above it");
        }
        String settings = timing.group(3).strip();
        checkSettings(settings, number);
        List<String> text = new ArrayList<>();
        for (int j = timingLine + 1; j < end; j++) {
            if (lines[j].contains("-->")) {
                throw new WebVttException(j + 1, "'-->' is not allowed in a cue's text (a missing blank line before a cue?)");
            }
            text.add(lines[j]);
        }
        return new Cue(identifier, from, to, settings, text);
    }

    private static long timestamp(String value, int line) {
        Matcher m = TIMESTAMP.matcher(value);
        if (!m.matches()) {
            throw new WebVttException(line, "'" + shorten(value) + "' is not a timestamp [hh:]mm:ss.ttt");
        }
        long hours = m.group(1) == null ? 0 : parseHours(m.group(1), line);
        int minutes = Integer.parseInt(m.group(2));
        int seconds = Integer.parseInt(m.group(3));
        if (minutes > 59 || seconds > 59) {
            throw new WebVttException(line, "'" + value + "' has minutes or seconds above 59");
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Integer.parseInt(m.group(4));
    }

    private static long parseHours(String hours, int line) {
        if (hours.length() > 6) {
            throw new WebVttException(line, "the hours of a timestamp are too large");
        }
        return Long.parseLong(hours);
    }

    private static void checkSettings(String settings, int line) {
        if (settings.isEmpty()) {
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (String setting : settings.split("[ \\t]+")) {
            int colon = setting.indexOf(':');
            if (colon <= 0 || colon == setting.length() - 1) {
                throw new WebVttException(line, "'" + shorten(setting) + "' is not a cue setting name:value");
            }
            String name = setting.substring(0, colon);
            String value = setting.substring(colon + 1);
            if (!SETTINGS.contains(name)) {
                throw new WebVttException(line, "'" + shorten(name) + "' is not a cue setting");
            }
            if (!seen.add(name)) {
                throw new WebVttException(line, "the cue setting '" + name + "' is repeated");
            }
            boolean valid = switch (name) {
                case "vertical" -> value.equals("rl") || value.equals("lr");
                case "line" -> value.matches("(-?\\d+|\\d{1,3}(\\.\\d+)?%)(,(start|center|end))?") && percentInRange(value);
                case "position" -> value.matches("\\d{1,3}(\\.\\d+)?%(,(line-left|center|line-right))?") && percentInRange(value);
                case "size" -> PERCENT.matcher(value).matches() && percentInRange(value);
                case "align" -> Set.of("start", "center", "end", "left", "right").contains(value);
                case "region" -> !value.contains("-->");
                default -> false;
            };
            if (!valid) {
                throw new WebVttException(line, "'" + shorten(setting) + "' is not a valid value of the cue setting " + name);
            }
        }
    }

    private static boolean percentInRange(String value) {
        int percent = value.indexOf('%');
        if (percent < 0) {
            return true;
        }
        return Double.parseDouble(value.substring(0, percent)) <= 100.0;
    }

    /** A block keyword alone on its line or followed by a space or tab (NOTE text, "STYLE"). */
    private static boolean isKeyword(String line, String keyword) {
        return line.equals(keyword) || line.startsWith(keyword + " ") || line.startsWith(keyword + "\t");
    }

    private static String keyword(String line) {
        return line.split("[ \\t]", 2)[0].toUpperCase(Locale.ROOT);
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
