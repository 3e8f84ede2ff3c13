package com.yourbit.video.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ProviderUpdateTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void refusesAnUpdateNamingNoVideoUploadOrAsset() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ProviderUpdate(LOCAL, "e1", null, null, null,
                        ProviderState.PROCESSING, null, null, AT))
                .withMessageContaining("video, upload or asset");
    }

    @Test
    void acceptsAnUpdateNamingOnlyOneOfVideoUploadOrAsset() {
        assertThat(new ProviderUpdate(LOCAL, "e1", "v1", null, null, ProviderState.GONE, null, null, AT).videoId())
                .isEqualTo("v1");
        assertThat(new ProviderUpdate(LOCAL, "e1", null, "u1", null, ProviderState.GONE, null, null, AT).uploadId())
                .isEqualTo("u1");
        assertThat(new ProviderUpdate(LOCAL, "e1", null, null, "a1", ProviderState.GONE, null, null, AT).extId())
                .isEqualTo("a1");
    }

    @Test
    void refusesReadyWithoutDetails() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ProviderUpdate(LOCAL, "e1", null, "u1", null,
                        ProviderState.READY, null, null, AT))
                .withMessageContaining("ready details");
    }

    @Test
    void readyFactoryCarriesTheAssetIdOfTheDetails() {
        ReadyDetails details = new ReadyDetails("asset-1", "pb-1", null, null, 2.0, "16:9");

        ProviderUpdate update = ProviderUpdate.ready(LOCAL, "e1", "u1", details, AT);

        assertThat(update.state()).isEqualTo(ProviderState.READY);
        assertThat(update.extId()).isEqualTo("asset-1");
        assertThat(update.ready()).isSameAs(details);
    }
}
