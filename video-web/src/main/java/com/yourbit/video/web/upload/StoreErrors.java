package com.yourbit.video.web.upload;

import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.web.problem.Problem;
import jakarta.ws.rs.core.Response;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The upload store's refusals as HTTP answers, following tusd's choice of statuses. */
final class StoreErrors {

    private static final Logger LOG = Logger.getLogger(StoreErrors.class.getName());

    private StoreErrors() {
    }

    static Response toResponse(UploadStoreException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> Problem.response(404, "UPLOAD_NOT_FOUND", "Not Found", e.getMessage());
            case OFFSET_MISMATCH -> Problem.response(409, "MISMATCHED_OFFSET", "Conflict", e.getMessage());
            case LOCKED -> Problem.response(423, "UPLOAD_LOCKED", "Locked", e.getMessage());
            case EXCEEDS_LENGTH -> Problem.response(413, "UPLOAD_SIZE_EXCEEDED", "Content Too Large", e.getMessage());
            case TOO_LARGE -> Problem.response(413, "UPLOAD_TOO_LARGE", "Content Too Large", e.getMessage());
            case CONFLICT -> Problem.response(409, "UPLOAD_CONFLICT", "Conflict", e.getMessage());
            case CHECKSUM_MISMATCH -> Problem.response(Tus.CHECKSUM_MISMATCH, "CHECKSUM_MISMATCH", "Checksum Mismatch", e.getMessage());
            case EXPIRED -> Problem.response(410, "UPLOAD_EXPIRED", "Gone", e.getMessage());
            case BODY_INTERRUPTED -> Problem.response(400, "BODY_INTERRUPTED", "Bad Request", e.getMessage());
            case STORAGE_FAILED -> {
                LOG.log(Level.SEVERE, "upload storage failed", e);
                yield Problem.response(500, "STORAGE_FAILED", "Internal Server Error", "the upload could not be stored");
            }
        };
    }
}
