package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.yourbit.video.it.Server.api;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 40 clients trickle webhook bodies (no account needed) and 40 trickle tus PATCH bodies, a byte
 * every two seconds, far below any read timeout; the API must go on answering meanwhile, and
 * the trickling uploads are ended.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowClientIT {

    private static final int TRICKLERS = 40;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void tricklingClientsDoNotStopTheApi() throws Exception {
        String token = userToken("slow-" + UUID.randomUUID());
        List<String> uploads = new ArrayList<>();
        for (int i = 0; i < TRICKLERS; i++) {
            // Four users, so that no per-user bound decides this test.
            String owner = i % 4 == 0 ? token : userToken("slow-" + i + "-" + UUID.randomUUID());
            JsonObject video = createVideo(owner, "slow " + i);
            String url = video.getJsonObject("upload").getString("url");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Length", "100000").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(created.statusCode()).isEqualTo(201);
            uploads.add(URI.create(url).resolve(created.headers().firstValue("Location").orElseThrow()).getRawPath());
        }

        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
        try {
            for (int i = 0; i < TRICKLERS; i++) {
                sockets.add(startTrickle(trickle, "POST /webhooks/mux HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nMux-Signature: t=1,v1=00\r\nContent-Length: 1000\r\n\r\n"));
                sockets.add(startTrickle(trickle, "PATCH " + uploads.get(i) + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                        + "Content-Length: 100000\r\n\r\n"));
            }
            Thread.sleep(3000); // every trickler has sent its headers and a byte or two

            long slowest = 0;
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                HttpResponse<String> list = send(api("/api/videos", token).timeout(Duration.ofSeconds(5)).GET().build());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(list.statusCode()).isEqualTo(200);
                slowest = Math.max(slowest, millis);
                Thread.sleep(500);
            }
            System.out.println("SlowClientIT: slowest GET /api/videos among 10 while 80 clients trickled: " + slowest + " ms");

            // Upload bodies beyond the bound of concurrent upload reads were turned away at once;
            // those that got a slot are asked to stop once a whole window (6 s here) brought
            // fewer than video.action-map.local.slow-upload-min-bytes, and keep what arrived.
            int busy = 0;
            int stopped = 0;
            for (int i = 0; i < TRICKLERS; i++) {
                Socket socket = sockets.get(2 * i + 1);
                socket.setSoTimeout(30_000);
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                if (answer.status() == 503) {
                    assertThat(answer.header("retry-after")).isNotBlank();
                    assertThat(answer.body()).contains("\"code\":\"SERVER_BUSY\"");
                    busy++;
                } else {
                    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
                    assertThat(answer.body()).contains("\"code\":\"BODY_INTERRUPTED\"");
                    HttpResponse<String> head = send(HttpRequest.newBuilder(Server.url(uploads.get(i)))
                            .header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                    assertThat(Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow())).isPositive();
                    stopped++;
                }
                assertThat(answer.header("connection")).isEqualTo("close");
            }
            assertThat(busy).as("PATCHes refused while the upload slots were taken").isPositive();
            assertThat(stopped).as("PATCHes that had a slot and were stopped for trickling").isPositive();
        } finally {
            trickle.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Opens a connection, sends the head, then one body byte every two seconds. */
    private static Socket startTrickle(ScheduledExecutorService trickle, String head) throws IOException {
        Socket socket = RawHttp.open();
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        trickle.scheduleAtFixedRate(() -> {
            try {
                out.write('x');
                out.flush();
            } catch (IOException closed) {
                throw new IllegalStateException(closed); // ends this trickle only
            }
        }, 0, 2, TimeUnit.SECONDS);
        return socket;
    }
}
