package com.yourbit.video.it;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ways of spelling one path that a server might match differently from its access check:
 * matrix parameters, encoded separators and dots, empty and dot segments, traversal, case.
 */
final class PathSpellings {

    private PathSpellings() {
    }

    /** At least 30 spellings of {@code path} (no query), the plain one first. */
    static List<String> of(String path) {
        List<String> segments = List.of(path.substring(1).split("/"));
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(path);
        for (int i = 0; i < segments.size(); i++) {
            spellings.add(withSegment(segments, i, segments.get(i) + ";x=1"));
            spellings.add(withSegment(segments, i, segments.get(i) + ";"));
            spellings.add(withSegment(segments, i, segments.get(i) + "%3Bx=1"));
            spellings.add(withSegment(segments, i, segments.get(i) + "%3b"));
            spellings.add(withSegment(segments, i, segments.get(i) + ";jsessionid=0"));
            spellings.add(withSegment(segments, i, "%" + Integer.toHexString(segments.get(i).charAt(0)) + segments.get(i).substring(1)));
            spellings.add(before(segments, i, "."));
            spellings.add(before(segments, i, "%2e"));
            spellings.add(before(segments, i, "%2E"));
            spellings.add(before(segments, i, ""));
            spellings.add(before(segments, i, "x/.."));
            spellings.add(before(segments, i, "x/%2e%2e"));
            spellings.add(before(segments, i, "x/..;"));
            spellings.add(before(segments, i, "x;/.."));
        }
        spellings.add(path + "/");
        spellings.add(path + ";");
        spellings.add(path + "/.");
        spellings.add(path + "%2F");
        spellings.add(path + "%00");
        spellings.add(path + "%20");
        spellings.add("/" + segments.get(0).toUpperCase() + path.substring(segments.get(0).length() + 1));
        spellings.add("/" + String.join("%2F", segments));
        spellings.add("/" + String.join("%2f", segments));
        spellings.add("/" + String.join(";/", segments));
        spellings.add("/" + String.join(";x=1/", segments) + ";x=1");
        spellings.add("/%2e%2e" + path);
        spellings.add("/api/../" + path.substring(1));
        spellings.add(path.replace('/', '\\'));
        return new ArrayList<>(spellings);
    }

    private static String withSegment(List<String> segments, int index, String spelled) {
        List<String> copy = new ArrayList<>(segments);
        copy.set(index, spelled);
        return "/" + String.join("/", copy);
    }

    private static String before(List<String> segments, int index, String inserted) {
        List<String> copy = new ArrayList<>(segments);
        copy.add(index, inserted);
        return "/" + String.join("/", copy);
    }
}
