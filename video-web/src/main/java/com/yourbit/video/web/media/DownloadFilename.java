package com.yourbit.video.web.media;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The {@code Content-Disposition} of a download named after the video's title (RFC 6266):
 * {@code attachment}, a plain ASCII {@code filename} every client takes, and the title itself
 * in {@code filename*} (RFC 8187, UTF-8 percent-encoded) for clients that read it. The title
 * is the uploader's text: nothing of it may end the header, break out of the quotes or name a
 * directory, so only letters, digits and a few safe marks survive in either form.
 */
final class DownloadFilename {

    static final String FALLBACK = "video";
    /** Enough for a title; file systems take 255 bytes and the extension comes on top. */
    private static final int MAX_LENGTH = 100;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DownloadFilename() {
    }

    static String contentDisposition(String title, String extension) {
        String name = readable(title);
        return "attachment; filename=\"" + ascii(name) + "." + extension + "\"; filename*=UTF-8''"
                + percentEncoded(name + "." + extension);
    }

    /** The title with control characters, separators and path marks turned into spaces, trimmed and shortened. */
    static String readable(String title) {
        if (title == null) {
            return FALLBACK;
        }
        StringBuilder name = new StringBuilder();
        title.codePoints().forEach(c -> {
            boolean safe = Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_' || c == '.' || c == '('
                    || c == ')' || c == ',' || c == '!' || c == '&' || c == '+';
            name.appendCodePoint(safe ? c : ' ');
        });
        // No leading dot (a hidden file) and no trailing one (Windows drops it).
        String collapsed = name.toString().replaceAll(" {2,}", " ").replaceAll("^[. ]+|[. ]+$", "");
        if (collapsed.codePointCount(0, collapsed.length()) > MAX_LENGTH) {
            collapsed = collapsed.substring(0, collapsed.offsetByCodePoints(0, MAX_LENGTH)).replaceAll("[. ]+$", "");
        }
        return collapsed.isEmpty() ? FALLBACK : collapsed;
    }

    /** Accents dropped (é → e), anything else outside printable ASCII an underscore. */
    static String ascii(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder ascii = new StringBuilder();
        for (char c : decomposed.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return ascii.toString();
    }

    /** RFC 8187's value-chars: attr-char as it is, every other byte of the UTF-8 as %XX. */
    static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
