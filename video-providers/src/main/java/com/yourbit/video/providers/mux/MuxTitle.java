package com.yourbit.video.providers.mux;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Optional;

/**
 * An asset's {@code meta.title} as Mux takes it: at most 512 "code points"
 * (mux.com/docs/guides/add-metadata-to-your-videos). The guide counts them as JavaScript's
 * {@code String.length} does, i.e. UTF-16 units ("é".length is 2 there), so a title is cut to
 * 512 units — which also keeps it within 512 code points — and only where a character ends:
 * never inside a surrogate pair or between a letter and its combining accent.
 */
final class MuxTitle {

    static final int MAX_UNITS = 512;

    private MuxTitle() {
    }

    /** The title to send, empty when there is none worth sending. */
    static Optional<String> of(String title) {
        if (title == null || title.isBlank()) {
            return Optional.empty();
        }
        if (title.length() <= MAX_UNITS) {
            return Optional.of(title);
        }
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(title);
        int end = characters.preceding(MAX_UNITS + 1);
        return end <= 0 ? Optional.empty() : Optional.of(title.substring(0, end));
    }
}
