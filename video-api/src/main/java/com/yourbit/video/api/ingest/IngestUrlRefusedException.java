package com.yourbit.video.api.ingest;

/** The URL may not be fetched; the message says why and is safe to show the client who sent it. */
public class IngestUrlRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IngestUrlRefusedException(String safeMessage) {
        super(safeMessage);
    }
}
