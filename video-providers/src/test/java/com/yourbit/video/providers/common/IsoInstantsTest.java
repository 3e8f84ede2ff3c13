package com.yourbit.video.providers.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast path answers exactly as {@link Instant#parse}; everything else is Instant.parse's. */
class IsoInstantsTest {

    @Test
    void everyFractionLengthAndDateReadsAsInstantParseReadsIt() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 5_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            String text = at.toString();
            String base = text.substring(0, 19);
            String fraction = String.format("%09d", at.getNano());
            int digits = random.nextInt(10);
            String form = digits == 0 ? base + "Z" : base + "." + fraction.substring(0, digits) + "Z";
            // Read by the fast path itself, never left to Instant.parse.
            assertThat(IsoInstants.fast(form)).as(form).isEqualTo(Instant.parse(form));
            assertThat(IsoInstants.parse(form)).as(form).isEqualTo(Instant.parse(form));
        }
    }

    @Test
    void edgeCasesAreInstantParsesOwn() {
        for (String text : List.of("2024-02-29T23:59:59.999999999Z", "2026-11-30T16:00:00Z", "2026-11-30T16:00:00.000000Z",
                "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-06-30T23:59:60Z",
                "2026-11-30T17:00:00+01:00", "2026-11-30T16:00:00.5+00:00")) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void whatInstantParseRefusesIsRefusedAndItsLeniencyKept() {
        for (String text : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-30T24:00:00Z",
                "2026-11-30T16:60:00Z", "2026-11-30T16:00:00.Z", "2026-11-30T16:00:00.1234567890Z", "2026-11-30 16:00:00Z",
                "2026-11-30T16:00:0aZ", "2026-11-30T16:00:00", "", "yesterday")) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException refused) {
                assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
        }
        assertThat(IsoInstants.fast("2026-11-30T24:00:00Z")).isNull();
        assertThat(IsoInstants.fast("2026-11-30T17:00:00+01:00")).isNull();
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
