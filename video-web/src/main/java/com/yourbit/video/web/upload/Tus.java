package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;

/** tus 1.0.0 header names and values, and the checks every tus endpoint here makes. */
final class Tus {
    static final String VERSION = "1.0.0";
    static final String RESUMABLE = "Tus-Resumable";
    static final String TUS_VERSION = "Tus-Version";
    static final String EXTENSION = "Tus-Extension";
    static final String MAX_SIZE = "Tus-Max-Size";
    static final String UPLOAD_OFFSET = "Upload-Offset";
    static final String UPLOAD_LENGTH = "Upload-Length";
    static final String UPLOAD_METADATA = "Upload-Metadata";
    static final String UPLOAD_EXPIRES = "Upload-Expires";
    static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    static final String CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
    static final String CHECKSUM_ALGORITHMS = "md5,sha1,sha256,sha512";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    static final String EXTENSIONS =
            "creation,creation-with-upload,creation-defer-length,termination,expiration,checksum";

    private Tus() {
    }

    /** A request without {@code Tus-Resumable: 1.0.0} is refused with 412 and {@code Tus-Version}. */
    static void requireVersion(HttpHeaders headers) {
        if (!VERSION.equals(headers.getHeaderString(RESUMABLE))) {
            throw new TusRefusal(Problem.of(ErrorCode.UNSUPPORTED_VERSION,
                            "this server speaks tus " + VERSION + " (send Tus-Resumable: " + VERSION + ")")
                    .header(TUS_VERSION, VERSION).build());
        }
    }

    /** A required non-negative length or offset header; 400 when missing or malformed. */
    static long parseLength(String value, String header) {
        if (value == null) {
            throw refuse(refusal(header, true), header + " is required");
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw refuse(refusal(header, false), header + " must be a non-negative integer");
        }
    }

    private static ErrorCode refusal(String lengthHeader, boolean missing) {
        return switch (lengthHeader) {
            case UPLOAD_LENGTH -> missing ? ErrorCode.MISSING_UPLOAD_LENGTH : ErrorCode.INVALID_UPLOAD_LENGTH;
            case UPLOAD_OFFSET -> missing ? ErrorCode.MISSING_UPLOAD_OFFSET : ErrorCode.INVALID_UPLOAD_OFFSET;
            case HttpHeaders.CONTENT_LENGTH -> missing ? ErrorCode.MISSING_CONTENT_LENGTH : ErrorCode.INVALID_CONTENT_LENGTH;
            default -> throw new IllegalArgumentException("not a length header: " + lengthHeader);
        };
    }

    static TusRefusal refuse(ErrorCode code, String detail) {
        return new TusRefusal(Problem.response(code, detail));
    }
}
