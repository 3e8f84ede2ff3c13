package com.yourbit.video.domain.captions;

import jakarta.ejb.ApplicationException;

/**
 * A caption change that lost to a concurrent one (its version or its video's moved, or the same
 * language was added at once); {@link CaptionService} retries it on fresh data.
 */
@ApplicationException(rollback = true)
public class CaptionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CaptionConflictException(RuntimeException conflict) {
        super("a concurrent caption change got there first", conflict);
    }
}
