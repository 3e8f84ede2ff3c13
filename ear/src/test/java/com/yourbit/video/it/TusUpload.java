package com.yourbit.video.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.send;
import static org.assertj.core.api.Assertions.assertThat;

/** A local-provider video uploaded the plain tus 1.0.0 way, for tests about what follows the upload. */
final class TusUpload {

    private static final int CHUNK = 1 << 20;

    private TusUpload() {
    }

    /** Creates a video titled after the file, then POSTs its length and PATCHes it in 1 MiB chunks; its id. */
    static String upload(String token, Path file) throws IOException {
        JsonObject video = createVideo(token, file.getFileName().toString());
        String url = video.getJsonObject("upload").getString("url");
        byte[] bytes = Files.readAllBytes(file);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(bytes.length)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).isEqualTo(201);
        String location = URI.create(url).resolve(created.headers().firstValue("Location").orElseThrow()).toString();
        for (int at = 0; at < bytes.length; at += CHUNK) {
            int end = Math.min(bytes.length, at + CHUNK);
            HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(location)).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", Integer.toString(at)).header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(bytes, at, end))).build());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
        }
        return video.getString("id");
    }
}
