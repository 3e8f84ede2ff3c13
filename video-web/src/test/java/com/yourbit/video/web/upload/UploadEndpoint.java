package com.yourbit.video.web.upload;

import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.upload.HostedUploadService;
import com.yourbit.video.web.problem.FallbackExceptionMapper;
import com.yourbit.video.web.problem.VideoExceptionMapper;
import com.yourbit.video.web.problem.WebApplicationExceptionMapper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /uploads/{token}} as the server dispatches it, in memory: both upload resources on
 * their one path, the upload service over an {@link InMemoryUploadStore} and
 * {@link FakeUploadVideos}, and the exception mappers that answer refusals.
 */
final class UploadEndpoint {

    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));
    static final long MAX_SIZE = 1000;
    static final UploadId TOKEN = UploadId.of("A".repeat(43));
    static final VideoId VIDEO = VideoId.of("video-1");
    static final String URL = "/uploads/" + TOKEN;

    final InMemoryUploadStore store;
    final FakeUploadVideos videos = new FakeUploadVideos();
    private final Dispatcher dispatcher = MockDispatcherFactory.createDispatcher();

    UploadEndpoint() {
        this(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    UploadEndpoint(Clock clock) {
        store = new InMemoryUploadStore(MAX_SIZE, clock);
        videos.add(TOKEN, VIDEO, VideoStatus.PREPARING, EXPIRES);
        HostedUploadService uploads = new HostedUploadService(store, videos, clock);
        TusUploadResource tus = new TusUploadResource();
        tus.uploads = uploads;
        PutUploadResource put = new PutUploadResource();
        put.uploads = uploads;
        dispatcher.getRegistry().addSingletonResource(tus);
        dispatcher.getRegistry().addSingletonResource(put);
        dispatcher.getProviderFactory().registerProviderInstance(new UploadRefusalMapper());
        dispatcher.getProviderFactory().registerProviderInstance(new VideoExceptionMapper());
        dispatcher.getProviderFactory().registerProviderInstance(new WebApplicationExceptionMapper());
        dispatcher.getProviderFactory().registerProviderInstance(new FallbackExceptionMapper());
    }

    /** A request to the upload URL. */
    static MockHttpRequest request(String method) {
        return request(method, URL);
    }

    static MockHttpRequest request(String method, String url) {
        try {
            return MockHttpRequest.create(method, url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A tus request: with {@code Tus-Resumable: 1.0.0}. */
    static MockHttpRequest tus(String method) {
        return request(method).header("Tus-Resumable", "1.0.0");
    }

    static MockHttpRequest patch(long offset, byte[] bytes) {
        return tus("PATCH").header("Upload-Offset", Long.toString(offset))
                .contentType("application/offset+octet-stream").content(bytes);
    }

    MockHttpResponse send(MockHttpRequest request) {
        MockHttpResponse response = new MockHttpResponse();
        dispatcher.invoke(request, response);
        return response;
    }

    /** Creates the upload with tus. */
    void create(long length) {
        assertThat(send(tus("POST").header("Upload-Length", Long.toString(length))).getStatus()).isEqualTo(201);
    }

    static String header(MockHttpResponse response, String name) {
        Object value = response.getOutputHeaders().getFirst(name);
        return value == null ? null : value.toString();
    }

    /** Asserts a problem+json refusal with its status and code; returns it for more checks. */
    static MockHttpResponse assertProblem(MockHttpResponse response, int status, String code) {
        assertThat(response.getStatus()).as("status").isEqualTo(status);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        JsonObject problem = Json.createReader(new StringReader(new String(response.getOutput(), StandardCharsets.UTF_8))).readObject();
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getInt("status")).isEqualTo(status);
        return response;
    }
}
