package com.yourbit.video.web.upload;

import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.api.ErrorCode;
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
            case NOT_FOUND -> Problem.response(ErrorCode.UPLOAD_NOT_FOUND, e.getMessage());
            case OFFSET_MISMATCH -> Problem.response(ErrorCode.MISMATCHED_OFFSET, e.getMessage());
            case LOCKED -> Problem.response(ErrorCode.UPLOAD_LOCKED, e.getMessage());
            case EXCEEDS_LENGTH -> Problem.response(ErrorCode.UPLOAD_SIZE_EXCEEDED, e.getMessage());
            case EXCEEDS_CHUNK -> Problem.response(ErrorCode.INVALID_CONTENT_RANGE, e.getMessage());
            case TOO_LARGE -> Problem.response(ErrorCode.UPLOAD_TOO_LARGE, e.getMessage());
            case CONFLICT -> Problem.response(ErrorCode.UPLOAD_CONFLICT, e.getMessage());
            case CHECKSUM_MISMATCH -> Problem.response(ErrorCode.CHECKSUM_MISMATCH, e.getMessage());
            case EXPIRED -> Problem.response(ErrorCode.UPLOAD_EXPIRED, e.getMessage());
            case BODY_INTERRUPTED -> Problem.response(ErrorCode.BODY_INTERRUPTED, e.getMessage());
            case STORAGE_FAILED -> {
                LOG.log(Level.SEVERE, "upload storage failed", e);
                yield Problem.response(ErrorCode.STORAGE_FAILED, "the upload could not be stored");
            }
        };
    }
}
