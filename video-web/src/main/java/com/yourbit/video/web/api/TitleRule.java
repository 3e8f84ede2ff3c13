package com.yourbit.video.web.api;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;

/**
 * API.md's Limits: a title is a string of at most 500 characters (the column's size) on one
 * line, so no control characters (C0, DEL, C1) and no line or paragraph separators, and
 * well-formed Unicode (no lone surrogate, which no database encoding can store).
 */
final class TitleRule {

    static final int MAX_LENGTH = 500;

    private TitleRule() {
    }

    /** @throws VideoException INVALID_REQUEST when the title breaks the rule; null passes (no title) */
    static void check(String title) {
        if (title == null) {
            return;
        }
        if (title.length() > MAX_LENGTH) {
            throw invalid("title must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw invalid("title must be one line without control characters (found U+"
                        + String.format("%04X", (int) c) + " at position " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < title.length() && Character.isLowSurrogate(title.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid("title must be well-formed Unicode (a lone surrogate at position " + i + ")");
            }
        }
    }

    private static VideoException invalid(String message) {
        return new VideoException(ErrorCode.INVALID_REQUEST, message);
    }
}
