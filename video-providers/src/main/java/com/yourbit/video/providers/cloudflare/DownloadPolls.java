package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.util.LruCache;

import java.time.Duration;
import java.time.Instant;

/**
 * When each video's MP4 was last found in progress at Cloudflare. Every download request for a
 * video without its MP4 would otherwise be a call to the Stream API, and the API's rate limit
 * is the account's, shared by every user: a client asking in a loop is answered "still in
 * progress" from here until the poll interval has passed (shorter than the Retry-After the
 * service gives, so a client that waits as told always gets Cloudflare's fresh answer).
 * Bounded (least recently used out); forgetting a video only costs one more API call.
 */
final class DownloadPolls {

    static final int CAPACITY = 4096;

    private final LruCache<String, Instant> inProgress = new LruCache<>(CAPACITY);

    /** Whether the MP4 of {@code uid} was found in progress less than {@code interval} before {@code now}. */
    boolean recentlyInProgress(String uid, Instant now, Duration interval) {
        Instant last = inProgress.get(uid);
        return last != null && now.isBefore(last.plus(interval));
    }

    /** Cloudflare said the MP4 is being made. */
    void inProgress(String uid, Instant now) {
        inProgress.put(uid, now);
    }

    /** Cloudflare said the MP4 is ready or failed: the next request asks again. */
    void settled(String uid) {
        inProgress.remove(uid);
    }

    int size() {
        return inProgress.size();
    }
}
