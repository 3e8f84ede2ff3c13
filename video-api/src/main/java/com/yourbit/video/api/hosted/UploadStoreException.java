package com.yourbit.video.api.hosted;

/** Why the upload store refused a request; the web layer turns the reason into a status. */
public class UploadStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        NOT_FOUND,
        /** The client's offset is not the upload's offset. */
        OFFSET_MISMATCH,
        /** Another request is writing this upload. */
        LOCKED,
        /** More bytes than the declared length. */
        EXCEEDS_LENGTH,
        /** More bytes than the request said it carries ({@link Chunk#size()}); none were kept. */
        EXCEEDS_CHUNK,
        /** The declared length is above the store's maximum. */
        TOO_LARGE,
        /** Creating an existing upload with a different length. */
        CONFLICT,
        /** The client stopped sending before the body ended; what arrived is kept. */
        BODY_INTERRUPTED,
        /** The chunk's bytes do not match the client's checksum; they were discarded. */
        CHECKSUM_MISMATCH,
        /** The upload was not finished before its expiry. */
        EXPIRED,
        /** The bytes could not be stored. */
        STORAGE_FAILED
    }

    private final Reason reason;

    public UploadStoreException(Reason reason, String safeMessage) {
        this(reason, safeMessage, null);
    }

    public UploadStoreException(Reason reason, String safeMessage, Throwable cause) {
        super(safeMessage, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
