package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.VideoId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PageCursorTest {

    @Test
    void roundTripsCreationTimeWithNanosAndId() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-03-04T05:06:07.123456789Z"),
                VideoId.of("0f8fad5b-d9cb-469f-a165-70867728950e"));

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(token)).isEqualTo(cursor);
    }

    @Test
    void roundTripsAnIdContainingDots() {
        PageCursor cursor = new PageCursor(Instant.ofEpochSecond(0), VideoId.of("a.b.c"));

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"!!!not-base64!!!", "Zm9v" /* foo */, "MTIzLjQ1Ng" /* 123.456 */,
            "YWJjLjAuaWQ" /* abc.0.id */, "MS4wLg" /* 1.0. */})
    void garbageIsAnInvalidRequest(String token) {
        VideoException e = catchThrowableOfType(VideoException.class, () -> PageCursor.decode(token));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void idLongerThanAUuidIsRefused() {
        String raw = "1.0." + "x".repeat(37);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

        assertThat(catchThrowableOfType(VideoException.class, () -> PageCursor.decode(token)).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
