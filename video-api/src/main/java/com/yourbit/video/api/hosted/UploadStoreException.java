package com.yourbit.video.api.hosted;

import com.yourbit.video.api.ErrorCode;

import java.util.Objects;

/**
 * Why the upload store refused a request, as a code of the one catalogue: the upload path
 * answers it as it stands. Its message is written for the client, except for
 * {@link ErrorCode#STORAGE_FAILED}, whose cause may name files and is only logged.
 */
public class UploadStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public UploadStoreException(ErrorCode code, String safeMessage) {
        this(code, safeMessage, null);
    }

    public UploadStoreException(ErrorCode code, String safeMessage, Throwable cause) {
        super(safeMessage, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
