package com.yourbit.video.providers.local;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A media job's source could not be had from the object store (the store away, the object
 * not there). Not the video's fault: the job's message is delivered again later, and given up
 * after as many deliveries as any job.
 */
class SourceUnavailableException extends UncheckedIOException {

    SourceUnavailableException(String message, IOException cause) {
        super(message, cause);
    }
}
