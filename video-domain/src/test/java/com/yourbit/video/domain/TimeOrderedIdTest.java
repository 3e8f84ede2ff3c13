package com.yourbit.video.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdTest {

    @Test
    void idsSortAsTheirTimesAndAreVersion7UuidsThatDiffer() {
        Instant start = Instant.parse("2026-12-01T04:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int ms = 0; ms < 2_000; ms += 7) {
            ids.add(TimeOrderedId.at(start.plusMillis(ms)));
        }
        assertThat(ids).isSorted();
        UUID first = UUID.fromString(ids.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(start.toEpochMilli());

        HashSet<String> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(TimeOrderedId.at(start));
        }
        assertThat(sameMillisecond).hasSize(10_000);
    }
}
