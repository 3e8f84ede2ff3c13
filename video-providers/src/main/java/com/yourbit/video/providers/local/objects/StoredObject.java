package com.yourbit.video.providers.local.objects;

import java.util.Map;

/** An object's key (as given to the store), size and user metadata (empty in listings). */
public record StoredObject(String key, long size, Map<String, String> metadata) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }
}
