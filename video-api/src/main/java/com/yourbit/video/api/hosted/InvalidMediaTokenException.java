package com.yourbit.video.api.hosted;

/** A media token that is missing, malformed, expired or not signed by this service. */
public class InvalidMediaTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidMediaTokenException(String safeMessage) {
        super(safeMessage);
    }
}
