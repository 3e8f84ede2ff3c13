package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real tus-js-client (npm, run by Node) uploads to a local video's upload URL in small
 * chunks, is aborted halfway, resumes from the server's offset, and the stored file is
 * byte-identical to the source; the client's {@code filename}/{@code filetype} metadata
 * ends up on the video.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TusJsClientIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void tusJsClientUploadsAbortsAndResumesToAnIdenticalFile(@TempDir Path dir) throws Exception {
        byte[] source = sample();
        Path file = dir.resolve("sample.mp4");
        Files.write(file, source);
        String token = userToken("tus-js-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "from tus-js-client");
        String endpoint = video.getJsonObject("upload").getString("url");

        JsonObject result = NodeScript.run("tus-upload.mjs", endpoint, file.toString(),
                "--chunk-size=4096", "--abort-at=" + source.length / 2);

        assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
        JsonObject first = result.getJsonObject("firstAttempt");
        assertThat(first.getBoolean("aborted")).isTrue();
        long resumedFrom = result.getJsonNumber("resumedFrom").longValue();
        assertThat(resumedFrom).isGreaterThanOrEqualTo(source.length / 2).isLessThan(source.length);

        JsonObject ready = Server.awaitProcessed(video.getString("id"), token);
        assertThat(ready.getString("status")).isEqualTo("ready");
        // tus-js-client's Upload-Metadata is kept on the video.
        assertThat(ready.getString("filename")).isEqualTo("sample.mp4");
        assertThat(ready.getString("filetype")).isEqualTo("video/mp4");
        HttpResponse<byte[]> stored = Server.original(video.getString("id"), token);
        assertThat(sha256(stored.body())).isEqualTo(sha256(source));
    }
}
