package com.yourbit.video.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Row ids that sort by the time they were made: UUID version 7 (RFC 9562), the first 48 bits
 * the Unix milliseconds, the other 74 random. Rows written in time order then land in their
 * index's last page, where a random UUID puts each in a page of its own that the commit has to
 * write (H2 copies every changed page into its chunk). For rows whose ids name nothing secret:
 * the random bits come from {@link ThreadLocalRandom}.
 */
public final class TimeOrderedId {

    private TimeOrderedId() {
    }

    public static String at(Instant time) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (time.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
