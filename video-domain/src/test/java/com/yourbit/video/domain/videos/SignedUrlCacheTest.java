package com.yourbit.video.domain.videos;

import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SignedUrlCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final AtomicInteger signed = new AtomicInteger();

    private SignedUrl sign(Duration ttl) {
        int n = signed.incrementAndGet();
        return new SignedUrl(URI.create("https://media.example/v1?token=t" + n), clock.now.plus(ttl));
    }

    private static SignedUrlCache.Key key(String owner, String video, long version, String signingKey, String kind,
                                          Object params, Duration ttl) {
        return new SignedUrlCache.Key(owner, video, version, "local", signingKey, kind, params, ttl);
    }

    private static SignedUrlCache.Key playback(Duration ttl) {
        return key("owner", "v1", 3, "k1", "playback", null, ttl);
    }

    @Test
    void withinTheWindowTheSameUrlAndItsRealExpiry() {
        SignedUrlCache cache = new SignedUrlCache(clock);
        SignedUrl first = cache.get(playback(HOUR), () -> sign(HOUR));
        clock.now = T0.plusSeconds(299);
        SignedUrl again = cache.get(playback(HOUR), () -> sign(HOUR));

        assertThat(again).isEqualTo(first);
        assertThat(again.expiresAt()).isEqualTo(T0.plus(HOUR));
        assertThat(signed).hasValue(1);
        // What the caller is told lives at least nine tenths of what it asked for.
        assertThat(Duration.between(clock.now, again.expiresAt())).isGreaterThanOrEqualTo(HOUR.multipliedBy(9).dividedBy(10));
    }

    @Test
    void afterTheWindowANewUrl() {
        SignedUrlCache cache = new SignedUrlCache(clock);
        SignedUrl first = cache.get(playback(HOUR), () -> sign(HOUR));
        clock.now = T0.plus(SignedUrlCache.MAX_WINDOW);
        SignedUrl later = cache.get(playback(HOUR), () -> sign(HOUR));

        assertThat(later.url()).isNotEqualTo(first.url());
        assertThat(later.expiresAt()).isEqualTo(clock.now.plus(HOUR));
    }

    @Test
    void theWindowIsATenthOfAShortLifetime() {
        Duration minute = Duration.ofSeconds(60);
        assertThat(SignedUrlCache.window(minute)).isEqualTo(Duration.ofSeconds(6));
        assertThat(SignedUrlCache.window(Duration.ofHours(24))).isEqualTo(SignedUrlCache.MAX_WINDOW);

        SignedUrlCache cache = new SignedUrlCache(clock);
        SignedUrl first = cache.get(playback(minute), () -> sign(minute));
        clock.now = T0.plusSeconds(5);
        assertThat(cache.get(playback(minute), () -> sign(minute))).isEqualTo(first);
        clock.now = T0.plusSeconds(6);
        assertThat(cache.get(playback(minute), () -> sign(minute))).isNotEqualTo(first);
    }

    @Test
    void anythingTheUrlDependsOnSignsAnew() {
        SignedUrlCache cache = new SignedUrlCache(clock);
        SignedUrl first = cache.get(playback(HOUR), () -> sign(HOUR));
        SignedUrlCache.Key[] others = {
                key("other-owner", "v1", 3, "k1", "playback", null, HOUR),
                key("owner", "v2", 3, "k1", "playback", null, HOUR),
                key("owner", "v1", 4, "k1", "playback", null, HOUR),       // the video changed
                key("owner", "v1", 3, "k2", "playback", null, HOUR),       // the key was rotated
                key("owner", "v1", 3, "k1", "download", null, HOUR),
                key("owner", "v1", 3, "k1", "playback", null, Duration.ofMinutes(30)),
                new SignedUrlCache.Key("owner", "v1", 3, "mux", "k1", "playback", null, HOUR),
        };
        for (SignedUrlCache.Key other : others) {
            assertThat(cache.get(other, () -> sign(HOUR))).as(other.toString()).isNotEqualTo(first);
        }
        SignedUrl small = cache.get(key("owner", "v1", 3, "k1", "thumbnail", new ThumbnailSpec(1.0, 214, null), HOUR),
                () -> sign(HOUR));
        assertThat(cache.get(key("owner", "v1", 3, "k1", "thumbnail", new ThumbnailSpec(1.0, 214, null), HOUR),
                () -> sign(HOUR))).isEqualTo(small);
        assertThat(cache.get(key("owner", "v1", 3, "k1", "thumbnail", new ThumbnailSpec(1.0, 640, null), HOUR),
                () -> sign(HOUR))).isNotEqualTo(small);
    }

    @Test
    void boundedLeastRecentlyUsedOut() {
        SignedUrlCache cache = new SignedUrlCache(clock, 3);
        SignedUrl kept = cache.get(key("owner", "v0", 1, "k1", "playback", null, HOUR), () -> sign(HOUR));
        for (int i = 1; i <= 10; i++) {
            String video = "v" + i;
            cache.get(key("owner", video, 1, "k1", "playback", null, HOUR), () -> sign(HOUR));
            // v0 is asked for between the others, so it stays.
            assertThat(cache.get(key("owner", "v0", 1, "k1", "playback", null, HOUR), () -> sign(HOUR))).isEqualTo(kept);
        }
        assertThat(cache.size()).isEqualTo(3);
        int before = signed.get();
        cache.get(key("owner", "v1", 1, "k1", "playback", null, HOUR), () -> sign(HOUR));
        assertThat(signed.get()).isEqualTo(before + 1);
    }

    @Test
    void urlsWithoutExpiryAreNotKept() {
        SignedUrlCache cache = new SignedUrlCache(clock);
        cache.get(playback(HOUR), () -> new SignedUrl(URI.create("https://image.example/public/v1"), null));
        assertThat(cache.size()).isZero();
    }
}
