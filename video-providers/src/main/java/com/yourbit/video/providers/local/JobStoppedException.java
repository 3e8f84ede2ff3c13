package com.yourbit.video.providers.local;

/**
 * A job's run was stopped with the application: not done, not failed. Thrown out of the
 * message's delivery so that the message is not acknowledged and is delivered again.
 */
class JobStoppedException extends RuntimeException {

    JobStoppedException(String uploadId) {
        super("the job of upload " + uploadId + " was stopped with the application; it runs again", null, false, false);
    }
}
