package com.yourbit.video.domain.videos;

import jakarta.ejb.ApplicationException;

/**
 * A status change that lost to a concurrent one (the video's version moved, or another node
 * recorded the same provider event first). Expected in a cluster and retried on fresh data by
 * {@link VideoService#applyUpdate}; an application exception, so that the container rolls the
 * transaction back without logging it as a failure of the bean.
 */
@ApplicationException(rollback = true)
public class ConcurrentChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConcurrentChangeException(RuntimeException conflict) {
        super("a concurrent change got there first", conflict);
    }
}
