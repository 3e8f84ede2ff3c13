package com.yourbit.video.providers.cloudflare;

import com.yourbit.video.api.util.LruCache;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The Stream tokens one signing key made lately, so that equal requests are signed once. A
 * composed storyboard asks for up to 100 thumbnail URLs of one video with one expiry, and an
 * RS256 signature costs about a millisecond; a Stream token covers the video, not the
 * thumbnail's query ({@code time}, {@code width}…), so one token serves every tile.
 *
 * <p>What that means for expiry: a token is reused only for the same {@code exp} second, so no
 * URL lives longer than its caller asked; but whoever holds one tile's URL holds a token for
 * the whole video (any thumbnail, the animated previews and playback) until that second, just
 * as with a playback URL of the same lifetime. The download flag and the access rules are part
 * of the key: a token for playback never opens the MP4.
 *
 * <p>Bounded (least recently used out), so a flood of distinct requests costs memory only up
 * to {@link #CAPACITY} tokens.
 */
final class StreamTokenCache {

    /** A storyboard needs one entry; this leaves room for many videos' at once. */
    static final int CAPACITY = 512;

    private record Key(String uid, long expiresAt, String accessRules, boolean downloadable) {
    }

    private final LruCache<Key, String> tokens = new LruCache<>(CAPACITY);

    /**
     * The token for these facts, signed by {@code sign} only when none is kept. Signing runs
     * outside the lock: two threads asking at once may both sign, and either token is right.
     */
    String token(String uid, Instant expiresAt, String accessRules, boolean downloadable, Supplier<String> sign) {
        Key key = new Key(uid, expiresAt.getEpochSecond(), accessRules == null ? "" : accessRules, downloadable);
        String kept = tokens.get(key);
        return kept != null ? kept : tokens.putIfAbsent(key, sign.get());
    }

    int size() {
        return tokens.size();
    }
}
