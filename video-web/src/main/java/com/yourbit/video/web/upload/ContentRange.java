package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.upload.PutRange;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Mux-style PUT carries: bytes {@code first..last} (inclusive) of a file of
 * {@code total} bytes, the whole file when it has no {@code Content-Range}, or, for
 * {@code bytes *}{@code /total}, no bytes at all: the client asks how far the upload got.
 */
record ContentRange(long first, long last, long total, boolean wholeFile) implements PutRange {

    private static final Pattern HEADER = Pattern.compile("bytes (?:(\\d{1,18})-(\\d{1,18})|\\*)/(\\d{1,18})");
    private static final long STATUS_QUERY = -1;

    static ContentRange parse(String header, String contentLength) {
        if (header == null) {
            long length = TusHeaders.parseLength(contentLength, HttpHeaders.CONTENT_LENGTH);
            return new ContentRange(0, length - 1, length, true);
        }
        Matcher m = HEADER.matcher(header.trim());
        if (!m.matches()) {
            throw TusHeaders.refuse(ErrorCode.INVALID_CONTENT_RANGE, "Content-Range must be 'bytes first-last/total' or 'bytes */total'");
        }
        long total = Long.parseLong(m.group(3));
        if (m.group(1) == null) {
            return new ContentRange(STATUS_QUERY, STATUS_QUERY, total, false);
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (last < first || last >= total) {
            throw TusHeaders.refuse(ErrorCode.INVALID_CONTENT_RANGE, "Content-Range does not describe bytes of the file");
        }
        // Without this, a longer body would move the upload past the range the client claims.
        if (contentLength != null && TusHeaders.parseLength(contentLength, HttpHeaders.CONTENT_LENGTH) != last - first + 1) {
            throw TusHeaders.refuse(ErrorCode.INVALID_CONTENT_RANGE, "Content-Length differs from the size of the Content-Range");
        }
        return new ContentRange(first, last, total, false);
    }

    @Override
    public boolean isStatusQuery() {
        return first == STATUS_QUERY;
    }

    @Override
    public long end() {
        return last + 1;
    }
}
