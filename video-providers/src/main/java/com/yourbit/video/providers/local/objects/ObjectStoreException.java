package com.yourbit.video.providers.local.objects;

import java.io.IOException;

/** The store refused or could not be reached; the message names the operation and key, no secret. */
public class ObjectStoreException extends IOException {

    public ObjectStoreException(String message) {
        super(message);
    }
}
