package com.yourbit.video.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ProviderUpdateTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final EventKey E1 = EventKey.of("e1");

    @Test
    void refusesAnUpdateNamingNoVideoUploadOrAsset() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProviderUpdate.from(LOCAL).event(E1).processing(AT))
                .withMessageContaining("video, upload or asset");
    }

    @Test
    void acceptsAnUpdateNamingOnlyOneOfVideoUploadOrAsset() {
        assertThat(ProviderUpdate.from(LOCAL).event(E1).video(VideoId.of("v1")).gone(AT).videoId())
                .isEqualTo(VideoId.of("v1"));
        assertThat(ProviderUpdate.from(LOCAL).event(E1).upload(UploadId.of("u1")).gone(AT).uploadId())
                .isEqualTo(UploadId.of("u1"));
        assertThat(ProviderUpdate.from(LOCAL).event(E1).asset(AssetId.of("a1")).gone(AT).assetId())
                .isEqualTo(AssetId.of("a1"));
    }

    @Test
    void refusesReadyWithoutDetails() {
        assertThatNullPointerException()
                .isThrownBy(() -> ProviderUpdate.from(LOCAL).event(E1).upload(UploadId.of("u1")).ready(null, AT))
                .withMessageContaining("ready details");
        assertThatNullPointerException()
                .isThrownBy(() -> new ProviderUpdate(LOCAL, E1, null, UploadId.of("u1"), null,
                        ProviderState.READY, null, null, AT, null, null, null))
                .withMessageContaining("ready details");
    }

    @Test
    void readyFactoryCarriesTheAssetIdOfTheDetails() {
        ReadyDetails details = new ReadyDetails(AssetId.of("asset-1"), PlaybackId.of("pb-1"), null, null, 2.0, "16:9");

        ProviderUpdate update = ProviderUpdate.from(LOCAL).event(E1).upload(UploadId.of("u1")).ready(details, AT);

        assertThat(update.state()).isEqualTo(ProviderState.READY);
        assertThat(update.assetId()).isEqualTo(AssetId.of("asset-1"));
        assertThat(update.ready()).isSameAs(details);
    }

    @Test
    void anAssetNamedBeforeReadyIsKept() {
        ReadyDetails details = new ReadyDetails(null, PlaybackId.of("pb-1"), null, null, null, null);

        ProviderUpdate update = ProviderUpdate.from(LOCAL).asset(AssetId.of("asset-1")).ready(details, AT);

        assertThat(update.assetId()).isEqualTo(AssetId.of("asset-1"));
    }

    @Test
    void carriesTheEventKeyAndSource() {
        SourceFile file = SourceFile.of("clip.mp4", "video/mp4");

        ProviderUpdate update = ProviderUpdate.from(LOCAL).event(E1).upload(UploadId.of("u1")).source(file).processing(AT);

        assertThat(update.eventKey()).isEqualTo(E1);
        assertThat(update.source()).isEqualTo(file);
        assertThat(update.occurredAt()).isEqualTo(AT);
    }
}
