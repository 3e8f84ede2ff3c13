package com.yourbit.video.providers.cloudflare;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadPollsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final DownloadPolls polls = new DownloadPolls();

    @Test
    void anMp4InProgressIsNotAskedAboutAgainWithinTheInterval() {
        assertThat(polls.recentlyInProgress("uid1", NOW, INTERVAL)).isFalse();
        polls.inProgress("uid1", NOW);
        assertThat(polls.recentlyInProgress("uid1", NOW.plusSeconds(4), INTERVAL)).isTrue();
        assertThat(polls.recentlyInProgress("uid2", NOW.plusSeconds(4), INTERVAL)).isFalse();
        assertThat(polls.recentlyInProgress("uid1", NOW.plusSeconds(5), INTERVAL)).isFalse();
        assertThat(polls.recentlyInProgress("uid1", NOW, Duration.ZERO)).as("an interval of zero never holds back").isFalse();
    }

    @Test
    void aSettledMp4IsAskedAboutAtOnce() {
        polls.inProgress("uid1", NOW);
        polls.settled("uid1");
        assertThat(polls.recentlyInProgress("uid1", NOW, INTERVAL)).isFalse();
    }

    @Test
    void manyVideosKeepAtMostTheCapacity() {
        for (int i = 0; i < DownloadPolls.CAPACITY + 100; i++) {
            polls.inProgress("uid" + i, NOW);
        }
        assertThat(polls.size()).isEqualTo(DownloadPolls.CAPACITY);
        assertThat(polls.recentlyInProgress("uid0", NOW, INTERVAL)).isFalse();
        assertThat(polls.recentlyInProgress("uid" + (DownloadPolls.CAPACITY + 99), NOW, INTERVAL)).isTrue();
    }
}
