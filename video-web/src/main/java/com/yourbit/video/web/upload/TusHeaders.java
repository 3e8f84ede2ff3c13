package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.TusMetadata;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.ChunkChecksum;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.web.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * tus 1.0.0 header names and values, and how the upload endpoints read the headers of a
 * request: each malformed one is refused with its code before anything else happens.
 */
final class TusHeaders {
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

    private TusHeaders() {
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

    /** The upload id in the URL; a blank one names no upload. */
    static UploadId uploadId(String token) {
        if (token == null || token.isBlank()) {
            throw refuse(ErrorCode.UPLOAD_NOT_FOUND, "no such upload");
        }
        return UploadId.of(token);
    }

    /** A creation's length: {@code Upload-Length}, or {@link UploadInfo#DEFERRED} for {@code Upload-Defer-Length: 1}. */
    static long creationLength(String length, String defer) {
        if (defer == null) {
            return parseLength(length, UPLOAD_LENGTH);
        }
        if (length != null || !"1".equals(defer.trim())) {
            throw refuse(ErrorCode.INVALID_DEFER_LENGTH, "send either Upload-Length or Upload-Defer-Length: 1");
        }
        return UploadInfo.DEFERRED;
    }

    /** {@code Upload-Length} on a PATCH, which declares a deferred length. */
    static Optional<Long> declaredLength(String length) {
        return length == null ? Optional.empty() : Optional.of(parseLength(length, UPLOAD_LENGTH));
    }

    static Map<String, String> metadata(String header) {
        try {
            return TusMetadata.parse(header);
        } catch (IllegalArgumentException e) {
            throw refuse(ErrorCode.INVALID_METADATA, e.getMessage());
        }
    }

    /** {@code Upload-Checksum: <algorithm> <base64 digest>}; an unknown algorithm is a 400, as tus says. */
    static Optional<ChunkChecksum> checksum(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split(" ");
        if (parts.length != 2) {
            throw refuse(ErrorCode.INVALID_CHECKSUM, "Upload-Checksum must be '<algorithm> <base64 digest>'");
        }
        if (!ChunkChecksum.SUPPORTED.contains(parts[0].toLowerCase(Locale.ROOT))) {
            throw refuse(ErrorCode.UNSUPPORTED_CHECKSUM_ALGORITHM, "supported checksum algorithms: " + CHECKSUM_ALGORITHMS);
        }
        try {
            return Optional.of(new ChunkChecksum(parts[0], Base64.getDecoder().decode(parts[1])));
        } catch (IllegalArgumentException e) {
            throw refuse(ErrorCode.INVALID_CHECKSUM, "the Upload-Checksum digest is not base64");
        }
    }

    /** Whether a body comes along: no Content-Length (chunked) or one above zero. */
    static boolean hasBody(String contentLength) {
        return contentLength == null || !contentLength.trim().equals("0");
    }

    /** A Content-Type's media type, lower case and without parameters. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
