package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {

    /** Clients read these as RFC 9457 documents: an error status and a title for people. */
    @Test
    void everyCodeIsAnErrorStatusWithATitle() {
        assertThat(ErrorCode.values()).allSatisfy(code -> {
            assertThat(code.status()).as(code.code()).isBetween(400, 599);
            assertThat(code.title()).as(code.code()).isNotBlank();
            assertThat(code.code()).matches("[A-Z][A-Z0-9_]*");
        });
    }

    /** tus clients act on these statuses (tus 1.0.0 and its checksum extension, as tusd answers). */
    @Test
    void uploadRefusalsHaveTheStatusesTusClientsExpect() {
        assertThat(ErrorCode.MISMATCHED_OFFSET.status()).isEqualTo(409);
        assertThat(ErrorCode.UNSUPPORTED_VERSION.status()).isEqualTo(412);
        assertThat(ErrorCode.UPLOAD_TOO_LARGE.status()).isEqualTo(413);
        assertThat(ErrorCode.INVALID_CONTENT_TYPE.status()).isEqualTo(415);
        assertThat(ErrorCode.UPLOAD_LOCKED.status()).isEqualTo(423);
        assertThat(ErrorCode.CHECKSUM_MISMATCH.status()).isEqualTo(460);
        assertThat(Arrays.stream(ErrorCode.values()).filter(c -> c.status() == 460)).containsExactly(ErrorCode.CHECKSUM_MISMATCH);
    }
}
