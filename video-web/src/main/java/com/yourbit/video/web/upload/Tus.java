package com.yourbit.video.web.upload;

/** tus 1.0.0 header names and values. */
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
    /** The tus checksum extension's status for a chunk that does not match its checksum. */
    static final int CHECKSUM_MISMATCH = 460;
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    static final String EXTENSIONS =
            "creation,creation-with-upload,creation-defer-length,termination,expiration,checksum";

    private Tus() {
    }
}
