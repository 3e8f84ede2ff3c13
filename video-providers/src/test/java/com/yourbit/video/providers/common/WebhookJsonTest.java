package com.yourbit.video.providers.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookJsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAProviderEvent() {
        assertThat(WebhookJson.readObject(utf8("{\"type\":\"video.asset.ready\",\"data\":{\"id\":\"a1\",\"tracks\":[{\"x\":[1]}]}}"))
                .getJsonObject("data").getString("id")).isEqualTo("a1");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedBeforeParsing() {
        String atLimit = "[".repeat(WebhookJson.MAX_DEPTH - 1) + "]".repeat(WebhookJson.MAX_DEPTH - 1);
        assertThat(WebhookJson.readObject(utf8("{\"a\":" + atLimit + "}")).containsKey("a")).isTrue();

        String over = "[".repeat(WebhookJson.MAX_DEPTH) + "]".repeat(WebhookJson.MAX_DEPTH);
        assertThatThrownBy(() -> WebhookJson.readObject(utf8("{\"a\":" + over + "}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deeper than 32");
        // Far beyond the parser's own limit (1000), which fails with a plain RuntimeException.
        assertThatThrownBy(() -> WebhookJson.readObject(utf8("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deeper than 32");
        // Unclosed brackets count as well.
        assertThatThrownBy(() -> WebhookJson.readObject(utf8("{\"a\":" + "{\"b\":".repeat(100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deeper than 32");
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String text = "{\"a\":\"" + "[{".repeat(100) + "\\\"" + "[".repeat(100) + "\",\"b\":\"\\\\\",\"c\":[1]}";
        assertThat(WebhookJson.readObject(utf8(text)).getJsonArray("c").getInt(0)).isEqualTo(1);
        assertThat(JsonNesting.exceeds(utf8("[\"]]]]\",[[[]]]]"), 3)).isTrue();
        assertThat(JsonNesting.exceeds(utf8("[\"[[[[\",[[]]]"), 3)).isFalse();
    }

    @Test
    void anythingButOneJsonObjectIsRefusedWithoutAnUncheckedParserError() {
        for (String body : new String[]{"", "not json", "{\"a\":", "[1,2]", "\"text\"", "5", "{} {}"}) {
            assertThatThrownBy(() -> WebhookJson.readObject(utf8(body))).as(body).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
