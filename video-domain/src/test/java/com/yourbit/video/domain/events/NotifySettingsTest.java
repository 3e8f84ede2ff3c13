package com.yourbit.video.domain.events;

import com.yourbit.video.domain.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotifySettingsTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void readsEndpointsAndTheSecret() {
        NotifySettings settings = NotifySettings.from(new MapConfig(Map.of(
                "video.notify.url", " https://a.example/hooks , http://b.example:8080/x",
                "VIDEO_NOTIFY_SECRET", SECRET, "video.notify.timeout", "PT2S")));
        assertThat(settings.endpoints()).extracting(Object::toString)
                .containsExactly("https://a.example/hooks", "http://b.example:8080/x");
        assertThat(settings.secret()).isPresent();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(34));
    }

    @Test
    void nothingConfiguredSendsNothing() {
        NotifySettings settings = NotifySettings.from(new MapConfig(Map.of()));
        assertThat(settings.endpoints()).isEmpty();
        assertThat(settings.secret()).isEmpty();
    }

    @Test
    void refusesWhatCannotWork() {
        for (Map<String, String> bad : new Map[] {
                Map.of("video.notify.url", "ftp://a.example/x"),
                Map.of("video.notify.url", "not a url"),
                Map.of("video.notify.url", "/relative"),
                Map.of("video.notify.url", "https://a.example/" + "x".repeat(2000)),
                Map.of("VIDEO_NOTIFY_SECRET", "whsec_not*base64"),
                Map.of("VIDEO_NOTIFY_SECRET", "whsec_c2hvcnQ="),
                Map.of("video.notify.retry-schedule", "PT5S,soon"),
                Map.of("video.notify.timeout", "PT0S"),
                Map.of("video.notify.timeout", "-PT1S")}) {
            assertThatIllegalArgumentException().isThrownBy(() -> NotifySettings.from(new MapConfig(bad)))
                    .withMessageNotContaining("MfKQ9r8");
        }
    }

    @Test
    void theSecretNeverAppearsInAMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> NotifySettings.secret("whsec_c2VjcmV0LXZhbHVl"))
                .withMessageNotContaining("c2VjcmV0").withMessageNotContaining("secret-value");
    }
}
