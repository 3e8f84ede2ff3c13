package com.yourbit.video.providers.common;

/**
 * How deep JSON text nests arrays and objects, found by one pass over its UTF-8 bytes without
 * parsing (no byte of a multi-byte character is below 0x80): brackets inside strings do not
 * count. Providers send UTF-8; other encodings may be miscounted, and the parser's own limit
 * still stands behind this check.
 */
public final class JsonNesting {

    private JsonNesting() {
    }

    /** Whether the text opens more than {@code maxDepth} arrays or objects inside one another. */
    public static boolean exceeds(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++; // the escaped character, a quote included, ends nothing
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > maxDepth) {
                    return true;
                }
            } else if ((b == ']' || b == '}') && depth > 0) {
                depth--;
            }
        }
        return false;
    }
}
