package com.yourbit.video.domain.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30));

    @Test
    void followsTheScheduleWithinTwentyPercent() {
        RetryPlan low = new RetryPlan(SCHEDULE, Duration.ofDays(3), () -> 0.0);
        RetryPlan high = new RetryPlan(SCHEDULE, Duration.ofDays(3), () -> 1.0);
        assertThat(low.next(1, T0, T0, null)).isEqualTo(T0.plusSeconds(4));
        assertThat(high.next(1, T0, T0, null)).isEqualTo(T0.plusSeconds(6));
        assertThat(low.next(2, T0, T0, null)).isEqualTo(T0.plusSeconds(240));
        assertThat(high.next(3, T0, T0, null)).isEqualTo(T0.plusSeconds(2160));
    }

    @Test
    void theScheduleSpentOrTheEventTooOldMeansNoMoreAttempts() {
        RetryPlan plan = new RetryPlan(SCHEDULE, Duration.ofDays(3), () -> 0.5);
        assertThat(plan.next(4, T0, T0, null)).isNull();
        assertThat(plan.next(1, T0, T0.plus(Duration.ofDays(3)), null)).isNull();
    }

    @Test
    void retryAfterIsHonouredButBounded() {
        RetryPlan plan = new RetryPlan(SCHEDULE, Duration.ofDays(3), () -> 0.5);
        assertThat(plan.next(1, T0, T0, Duration.ofSeconds(120))).isEqualTo(T0.plusSeconds(120));
        assertThat(plan.next(1, T0, T0, Duration.ofSeconds(1))).isEqualTo(T0.plusSeconds(5));
        assertThat(plan.next(1, T0, T0, Duration.ofDays(30))).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void defaultScheduleLastsMoreThanADay() {
        NotifySettings settings = NotifySettings.from(new com.yourbit.video.domain.MapConfig(java.util.Map.of()));
        Duration total = settings.retrySchedule().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isGreaterThan(Duration.ofHours(24));
        // 20 % early on every wait still spans the day.
        assertThat(total.multipliedBy(8).dividedBy(10)).isGreaterThan(Duration.ofHours(20));
    }
}
