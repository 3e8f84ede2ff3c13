package com.yourbit.video.domain.captions;

import com.yourbit.video.api.captions.LanguageTag;

/**
 * A caption's label, shown in players' menus and in HLS {@code NAME="…"}: at most
 * {@link Caption#MAX_LABEL} characters, not blank, no control or line-separator characters and
 * no bidirectional overrides (they would reorder the menu around it), and no {@code "} (it ends
 * a quoted HLS attribute). Without one, the language's own name for itself.
 */
final class CaptionLabel {

    private CaptionLabel() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static String of(String label, LanguageTag lang) {
        if (label == null || label.isEmpty()) {
            String made = lang.defaultLabel();
            return made.length() > Caption.MAX_LABEL ? lang.value() : made;
        }
        if (label.length() > Caption.MAX_LABEL) {
            throw new IllegalArgumentException("label must be at most " + Caption.MAX_LABEL + " characters");
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '"') {
                throw new IllegalArgumentException("label must not contain control characters, quotes or direction overrides");
            }
        }
        return label;
    }
}
