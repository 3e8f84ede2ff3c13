package com.yourbit.video.web.media;

import com.yourbit.video.api.util.LruCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * The storyboards composed for storyboard tokens, each kept until its token expires. Composing
 * signs one thumbnail URL per tile (up to 100 RS256 signatures for Cloudflare): without this, a
 * flood of requests with one valid token would cost that much CPU each. The same token always
 * gets the same WebVTT (its URLs are signed until the token's expiry), so answering it again
 * is exact. Bounded: the least recently used go first.
 */
@ApplicationScoped
public class ComposedStoryboards {

    static final int MAX_ENTRIES = 200;

    private record Entry(String webVtt, Instant expiresAt) {
    }

    private final LruCache<String, Entry> byToken = new LruCache<>(MAX_ENTRIES);

    Optional<String> get(String token, Instant now) {
        Entry entry = byToken.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(now)) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(entry.webVtt());
    }

    void put(String token, String webVtt, Instant expiresAt) {
        byToken.put(token, new Entry(webVtt, expiresAt));
    }

    int size() {
        return byToken.size();
    }
}
