package com.yourbit.video.domain.upload;

/** Where a Mux-style PUT left the upload: {@code stored} bytes are in. */
public record PutOutcome(Kind kind, long stored) {

    public enum Kind {
        /** Every byte is in. */
        COMPLETE,
        /** More bytes are needed; the client sends the next chunk from {@code stored}. */
        INCOMPLETE,
        /** The chunk starts past the bytes stored, so none of it was taken. */
        GAP
    }
}
