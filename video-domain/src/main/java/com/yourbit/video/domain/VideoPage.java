package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import java.util.List;

/** One page of videos and the cursor of the next, {@code null} on the last page. */
public record VideoPage(List<Video> items, String next) {

    static final int MAX_LIMIT = 100;

    /** Refuses a page size outside 1–100. */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** The cursor a client sent back, or {@code null} for the first page. */
    public static PageCursor after(String cursor) {
        return cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
    }

    /** A page from rows fetched with one extra row, which only says that more exist. */
    public static VideoPage of(List<Video> rows, int limit) {
        if (rows.size() <= limit) {
            return new VideoPage(List.copyOf(rows), null);
        }
        List<Video> items = List.copyOf(rows.subList(0, limit));
        Video last = items.get(limit - 1);
        return new VideoPage(items, new PageCursor(last.getCreatedAt(), last.id()).encode());
    }
}
