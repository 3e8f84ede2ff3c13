package com.yourbit.video.providers.mux;

import com.yourbit.video.api.DownloadState;
import com.yourbit.video.api.VideoId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** What a download request does, from the asset as Mux answers GET /video/v1/assets/{id}. */
class MuxStaticRenditionTest {

    @Test
    void theDecisionFollowsTheStatusOfOurMp4() {
        assertThat(next("[{\"id\": \"sr1\", \"name\": \"highest.mp4\", \"status\": \"ready\"}]"))
                .isEqualTo(MuxStaticRendition.Next.SERVE);
        assertThat(next("[{\"id\": \"sr1\", \"name\": \"highest.mp4\", \"status\": \"preparing\"}]"))
                .isEqualTo(MuxStaticRendition.Next.WAIT);
        assertThat(next("[{\"id\": \"sr1\", \"name\": \"highest.mp4\", \"status\": \"errored\"}]"))
                .isEqualTo(MuxStaticRendition.Next.RETRY);
        assertThat(next("[{\"id\": \"sr1\", \"name\": \"highest.mp4\", \"status\": \"skipped\"}]"))
                .isEqualTo(MuxStaticRendition.Next.GIVE_UP);
        // a status Mux may add later is waited on, not trusted
        assertThat(next("[{\"id\": \"sr1\", \"name\": \"highest.mp4\", \"status\": \"queued\"}]"))
                .isEqualTo(MuxStaticRendition.Next.WAIT);
    }

    @Test
    void anAssetWithoutOurMp4GetsOneRequested() {
        assertThat(MuxStaticRendition.next(json("{\"id\": \"a\", \"status\": \"ready\"}"))).isEqualTo(MuxStaticRendition.Next.REQUEST);
        assertThat(next("[]")).isEqualTo(MuxStaticRendition.Next.REQUEST);
        assertThat(next("[{\"id\": \"sr2\", \"name\": \"audio.m4a\", \"status\": \"ready\"}]"))
                .isEqualTo(MuxStaticRendition.Next.REQUEST);
        assertThat(MuxStaticRendition.next(json("{\"static_renditions\": {\"files\": \"nonsense\"}}")))
                .isEqualTo(MuxStaticRendition.Next.REQUEST);
    }

    @Test
    void eachDecisionLeavesTheDownloadInItsState() {
        assertThat(MuxStaticRendition.Next.SERVE.state).isEqualTo(DownloadState.READY);
        assertThat(MuxStaticRendition.Next.WAIT.state).isEqualTo(DownloadState.PREPARING);
        assertThat(MuxStaticRendition.Next.REQUEST.state).isEqualTo(DownloadState.PREPARING);
        assertThat(MuxStaticRendition.Next.RETRY.state).isEqualTo(DownloadState.PREPARING);
        assertThat(MuxStaticRendition.Next.GIVE_UP.state).isEqualTo(DownloadState.ERRORED);
    }

    @Test
    void theRequestAsksForTheHighestResolutionAndNamesOurVideo() {
        VideoId id = VideoId.of("0b6f6b4e-3f3a-4c3e-9a51-2d1f1a7c9e10");
        assertThat(MuxStaticRendition.request(id).toString())
                .isEqualTo("{\"resolution\":\"highest\",\"passthrough\":\"0b6f6b4e-3f3a-4c3e-9a51-2d1f1a7c9e10\"}");
    }

    @Test
    void onlyAWellFormedIdIsUsedToDeleteAnErroredMp4() {
        assertThat(MuxStaticRendition.id(json("{\"id\": \"lJ4bGGsp7ZlPf02nMg015W02iHQLN9XnuuLRBsPS00xqd68\"}")))
                .hasValue("lJ4bGGsp7ZlPf02nMg015W02iHQLN9XnuuLRBsPS00xqd68");
        assertThat(MuxStaticRendition.id(json("{\"id\": \"../../assets/x\"}"))).isEmpty();
        assertThat(MuxStaticRendition.id(json("{}"))).isEmpty();
    }

    private static MuxStaticRendition.Next next(String files) {
        return MuxStaticRendition.next(json("{\"id\": \"a\", \"status\": \"ready\", \"static_renditions\": {\"files\": " + files + "}}"));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
