package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.sample;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.sha256;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops sending in the middle of a PATCH (a dead mobile connection, no FIN)
 * must not hold its upload. As with tusd, the client's next request for the upload (its HEAD
 * when it resumes, or a Mux-style PUT's status query) asks the stalled request to stop; the
 * bytes that arrived count. Without
 * another request the HTTP listener's {@code read-timeout} (WildFly's default 90 s; tusd's
 * network timeout is 60 s) cuts it off, with the same result: that test shortens the timeout
 * to 3 s through the management API and puts the default back afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StalledUploadIT {

    private static final int READ_TIMEOUT_MILLIS = 3000;

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void theResumingClientsHeadStopsTheStalledPatchAndCountsItsBytes() throws Exception {
        Upload upload = Upload.create("resumed");
        try (Socket stalled = upload.startStalledPatch()) {
            long started = System.nanoTime();
            HttpResponse<String> head = send(tus(upload.url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Upload-Offset")).as("every byte that arrived")
                    .contains(Integer.toString(upload.sent));
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms the HEAD waited")
                    .isLessThan(READ_TIMEOUT_MILLIS * 3L);
            stalled.setSoTimeout(30_000);
            assertThat(endedByServer(stalled)).as("the stalled request is over").isTrue();
        }
        upload.finishAndCheck();
    }

    /**
     * A Mux-style client resuming after a broken connection asks with {@code bytes *}{@code /total}:
     * as tus HEAD, the answer waits for the stalled PUT to stop and counts every byte it received
     * (on any node of a cluster, where it reads the files under the shared lock).
     */
    @Test
    void theResumingClientsStatusQueryStopsTheStalledPutAndCountsItsBytes() throws Exception {
        String token = userToken("stall-put-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "resumed put");
        String url = video.getJsonObject("upload").getString("url");
        byte[] file = sample();
        int sent = file.length / 2;
        URI upload = URI.create(url);
        try (Socket stalled = new Socket(upload.getHost(), upload.getPort())) {
            OutputStream out = stalled.getOutputStream();
            out.write(("PUT " + upload.getRawPath() + " HTTP/1.1\r\nHost: " + upload.getAuthority()
                    + "\r\nContent-Range: bytes 0-" + (file.length - 1) + "/" + file.length
                    + "\r\nContent-Length: " + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, sent);
            out.flush();
            Thread.sleep(500); // the server has the request and its bytes, and waits for more

            HttpResponse<String> status = send(HttpRequest.newBuilder(upload).header("Content-Range", "bytes */" + file.length)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(308);
            assertThat(status.headers().firstValue("Range")).as("every byte that arrived").contains("bytes=0-" + (sent - 1));
            stalled.setSoTimeout(30_000);
            assertThat(endedByServer(stalled)).as("the stalled request is over").isTrue();
        }
        HttpResponse<String> rest = send(HttpRequest.newBuilder(upload)
                .header("Content-Range", "bytes " + sent + "-" + (file.length - 1) + "/" + file.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(file, sent, file.length))).build());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
        assertThat(sha256(Server.original(video.getString("id"), token).body())).isEqualTo(sha256(file));
    }

    @Test
    void withoutAnotherRequestTheReadTimeoutEndsTheStalledPatchAndItsBytesCount() throws Exception {
        ServerReload server = new ServerReload(management);
        server.executeAndReloadIfRequired(readTimeout(new ModelNode(READ_TIMEOUT_MILLIS)));
        try {
            Upload upload = Upload.create("timed out");
            try (Socket stalled = upload.startStalledPatch()) {
                long started = System.nanoTime();
                stalled.setSoTimeout(60_000);
                assertThat(endedByServer(stalled)).as("the server ends the stalled request").isTrue();
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms until cut off")
                        .isLessThan(READ_TIMEOUT_MILLIS + 20_000L);
            }
            assertThat(awaitOffset(upload.url, upload.sent)).as("the bytes that arrived before the stall count")
                    .isEqualTo(upload.sent);
            upload.finishAndCheck();
        } finally {
            server.executeAndReloadIfRequired(readTimeout(null));
        }
    }

    /** A local upload of the sample video whose first PATCH stalls after half of it. */
    private record Upload(String token, JsonObject video, String url, byte[] file, int sent) {

        static Upload create(String title) {
            String token = userToken("stall-" + UUID.randomUUID());
            JsonObject video = createVideo(token, title);
            String url = video.getJsonObject("upload").getString("url");
            byte[] file = sample();
            assertThat(send(tus(url).header("Upload-Length", Integer.toString(file.length))
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(201);
            return new Upload(token, video, url, file, file.length / 2);
        }

        /** Sends the PATCH's headers for the whole file and half of its bytes, then nothing more. */
        Socket startStalledPatch() throws Exception {
            URI upload = URI.create(url);
            Socket socket = new Socket(upload.getHost(), upload.getPort());
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload.getRawPath() + " HTTP/1.1\r\nHost: " + upload.getAuthority()
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
                    + "\r\nContent-Length: " + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, sent);
            out.flush();
            Thread.sleep(500); // the server has the request and its bytes, and waits for more
            return socket;
        }

        /** Resumes at the stalled request's offset; the stored file is the source, byte for byte. */
        void finishAndCheck() {
            HttpResponse<String> resumed = send(patch(url, sent).method("PATCH",
                    HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(file, sent, file.length))).build());
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(204);
            assertThat(Server.awaitProcessed(video.getString("id"), token).getString("status")).isEqualTo("ready");
            assertThat(sha256(Server.original(video.getString("id"), token).body())).isEqualTo(sha256(file));
        }
    }

    /** Sets the default HTTP listener's read-timeout, or undefines it (back to WildFly's default) for null. */
    private static ModelNode readTimeout(ModelNode value) {
        ModelNode address = Operations.createAddress("subsystem", "undertow", "server", "default-server",
                "http-listener", "default");
        return value == null
                ? Operations.createUndefineAttributeOperation(address, "read-timeout")
                : Operations.createWriteAttributeOperation(address, "read-timeout", value);
    }

    /** Whether the server answered the request or closed its connection (rather than still waiting). */
    private static boolean endedByServer(Socket socket) throws Exception {
        try {
            socket.getInputStream().read();
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /**
     * The offset HEAD reports once it reaches {@code expected}, or the last one after 20 s. The
     * shortened read-timeout also ends this client's own idle pooled connection (an HTTP/2
     * GOAWAY); a HEAD that races that close fails and is simply asked again.
     */
    private static long awaitOffset(String url, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long offset = -1;
        do {
            try {
                HttpResponse<String> head = send(tus(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElse("-1"));
                if (offset == expected) {
                    return offset;
                }
            } catch (IllegalStateException connectionClosedUnderUs) {
                // asked again below
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return offset;
    }

    private static HttpRequest.Builder tus(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0");
    }

    private static HttpRequest.Builder patch(String url, long offset) {
        return tus(url).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream");
    }
}
