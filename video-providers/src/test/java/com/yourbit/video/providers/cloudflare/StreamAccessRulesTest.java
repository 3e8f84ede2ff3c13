package com.yourbit.video.providers.cloudflare;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamAccessRulesTest {

    private static final String ALLOW_US = "{\"type\":\"ip.geoip.country\",\"action\":\"allow\",\"country\":[\"US\"]}";
    private static final String BLOCK_ALL = "{\"type\":\"any\",\"action\":\"block\"}";

    @Test
    void fiveRulesAreTaken() {
        String five = "[" + String.join(",", ALLOW_US, ALLOW_US,
                "{\"type\":\"ip.src\",\"action\":\"allow\",\"ip\":[\"93.184.216.0/24\",\"2001:db8::/32\"]}", ALLOW_US, BLOCK_ALL) + "]";
        assertThat(StreamAccessRules.parse(five)).hasSize(5);
    }

    @Test
    void aSixthRuleIsRefusedNamingTheKeyAndTheLimit() {
        String six = "[" + String.join(",", ALLOW_US, ALLOW_US, ALLOW_US, ALLOW_US, ALLOW_US, BLOCK_ALL) + "]";
        assertThatThrownBy(() -> StreamAccessRules.parse(six)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("video.action-map.cloudflare.access-rules").hasMessageContaining("at most 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"not\":\"an array\"}",
            "[1]",
            "[{\"type\":\"any\"}]",
            "[{\"type\":\"any\",\"action\":\"deny\"}]",
            "[{\"type\":\"ip.asn\",\"action\":\"allow\"}]",
            "[{\"type\":\"ip.geoip.country\",\"action\":\"allow\"}]",
            "[{\"type\":\"ip.geoip.country\",\"action\":\"allow\",\"country\":[]}]",
            "[{\"type\":\"ip.geoip.country\",\"action\":\"allow\",\"country\":[\"usa\"]}]",
            "[{\"type\":\"ip.src\",\"action\":\"allow\",\"ip\":[\"example.com\"]}]",
            "[{\"type\":\"ip.src\",\"action\":\"allow\",\"ip\":[1]}]",
            "[",
    })
    void rulesCloudflareWouldRefuseAreRefused(String json) {
        assertThatThrownBy(() -> StreamAccessRules.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("video.action-map.cloudflare.access-rules");
    }

    @Test
    void noRulesIsNoClaim() {
        assertThat(StreamAccessRules.parse(null)).isEmpty();
        assertThat(StreamAccessRules.parse(" ")).isEmpty();
    }
}
