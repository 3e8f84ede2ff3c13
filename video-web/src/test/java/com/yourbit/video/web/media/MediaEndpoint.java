package com.yourbit.video.web.media;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.AssetId;
import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.PlaybackId;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.ReadyDetails;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.InvalidMediaTokenException;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.MediaGrant;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.web.problem.FallbackExceptionMapper;
import com.yourbit.video.web.problem.VideoExceptionMapper;
import com.yourbit.video.web.problem.WebApplicationExceptionMapper;
import org.jboss.resteasy.core.SynchronousDispatcher;
import org.jboss.resteasy.core.SynchronousExecutionContext;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /media/{videoId}/...} as the server dispatches it, in memory: {@link MediaResource}
 * with the exception mappers, over a {@link HostedMedia} whose tokens and files the test
 * sets, and videos held in memory ({@link Videos}).
 */
final class MediaEndpoint {

    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));

    final Media media = new Media();
    final Videos videos = new Videos();
    private final Dispatcher dispatcher = MockDispatcherFactory.createDispatcher();

    MediaEndpoint() {
        MediaResource resource = new MediaResource();
        resource.media = media;
        resource.videos = videos;
        resource.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        resource.composed = new ComposedStoryboards();
        dispatcher.getRegistry().addSingletonResource(resource);
        dispatcher.getProviderFactory().registerProviderInstance(new VideoExceptionMapper());
        dispatcher.getProviderFactory().registerProviderInstance(new WebApplicationExceptionMapper());
        dispatcher.getProviderFactory().registerProviderInstance(new FallbackExceptionMapper());
    }

    /** A ready video of {@code provider}, its upload named after its id. */
    Video readyVideo(String id, String provider, String title, double durationSeconds) {
        Video video = Video.prepared(VideoId.of(id), "owner", title, ProviderName.of(provider),
                new DirectUpload(UploadId.of("upload-" + id), URI.create("https://upload.example/" + id), UploadProtocol.TUS,
                        NOW.plusSeconds(3600)), NOW);
        video.apply(ProviderUpdate.from(ProviderName.of(provider)).upload(UploadId.of("upload-" + id))
                .ready(new ReadyDetails(AssetId.of("asset-" + id), PlaybackId.of("playback-" + id), null, null,
                        durationSeconds, "16:9"), NOW), NOW);
        videos.byId.put(video.id(), video);
        return video;
    }

    /** A video still preparing. */
    Video preparingVideo(String id) {
        Video video = Video.prepared(VideoId.of(id), "owner", "preparing", ProviderName.of("local"),
                new DirectUpload(UploadId.of("upload-" + id), URI.create("https://upload.example/" + id), UploadProtocol.TUS,
                        NOW.plusSeconds(3600)), NOW);
        videos.byId.put(video.id(), video);
        return video;
    }

    /** Registers {@code token} as a valid token granting {@code purpose} for {@code videoId}. */
    String token(String token, String videoId, String purpose) {
        media.grants.put(token, new MediaGrant(VideoId.of(videoId), purpose, null, null, EXPIRES));
        return token;
    }

    String animatedToken(String token, String videoId, AnimatedSpec spec) {
        media.grants.put(token, new MediaGrant(VideoId.of(videoId), MediaGrant.ANIMATED, null, spec, EXPIRES));
        return token;
    }

    static MockHttpRequest get(String url) {
        try {
            return MockHttpRequest.get(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Suspended requests (rendering) are answered before this returns, as a client would wait for them. */
    MockHttpResponse send(MockHttpRequest request) {
        MockHttpResponse response = new MockHttpResponse();
        request.setAsynchronousContext(new SynchronousExecutionContext((SynchronousDispatcher) dispatcher, request, response));
        dispatcher.invoke(request, response);
        return response;
    }

    /** Token checks are the provider's (MediaTokens): here a token is valid when the test registered it. */
    static final class Media implements HostedMedia {
        final Map<String, MediaGrant> grants = new HashMap<>();
        final Map<String, MediaFile> downloads = new HashMap<>();
        final Map<String, MediaFile> storyboards = new HashMap<>();
        CompletionStage<MediaFile> animatedResult;
        final List<AnimatedSpec> animatedAsked = new ArrayList<>();

        @Override
        public MediaGrant verify(String token) {
            MediaGrant grant = token == null ? null : grants.get(token);
            if (grant == null) {
                throw new InvalidMediaTokenException("the media token's signature is not valid");
            }
            return grant;
        }

        @Override
        public Optional<MediaFile> original(UploadId uploadId) {
            return Optional.empty();
        }

        @Override
        public Optional<MediaFile> rendition(UploadId uploadId, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<MediaFile> download(UploadId uploadId) {
            return Optional.ofNullable(downloads.get(uploadId.value()));
        }

        @Override
        public Optional<MediaFile> storyboard(UploadId uploadId, String name) {
            return Optional.ofNullable(storyboards.get(uploadId.value() + "/" + name));
        }

        @Override
        public CompletionStage<MediaFile> thumbnail(UploadId uploadId, ThumbnailSpec spec, Double durationSeconds) {
            return CompletableFuture.failedFuture(new IllegalStateException("no thumbnails in these tests"));
        }

        @Override
        public CompletionStage<MediaFile> animated(UploadId uploadId, AnimatedSpec spec) {
            animatedAsked.add(spec);
            return animatedResult;
        }

        @Override
        public SignedUrl storyboardUrl(VideoId videoId, Duration ttl) {
            return new SignedUrl(URI.create("https://media.example/media/" + videoId + "/storyboard.vtt?token=t"), EXPIRES);
        }

        @Override
        public SignedUrl captionFetchUrl(VideoId videoId, String lang, String ref, Duration ttl) {
            return new SignedUrl(URI.create("https://media.example/media/" + videoId + "/captions/" + lang + ".vtt?token=c"), EXPIRES);
        }

        @Override
        public SignedUrl captionUrl(VideoId videoId, String lang, Duration ttl) {
            return new SignedUrl(URI.create("https://media.example/media/" + videoId + "/captions/" + lang + ".vtt?token=v"), EXPIRES);
        }

        @Override
        public java.util.OptionalLong hlsStartPts(com.yourbit.video.api.UploadId uploadId) {
            return java.util.OptionalLong.empty();
        }

        static MediaFile file(Path path, String type, long size) {
            return new MediaFile(path, type, size);
        }
    }

    /**
     * The two calls of VideoService the media endpoints make, over videos in memory; the
     * composed storyboard is what the test says the domain composes (ComposedStoryboard is
     * tested in the domain).
     */
    static final class Videos extends VideoService {
        final Map<VideoId, Video> byId = new HashMap<>();
        final Map<VideoId, String> composed = new HashMap<>();
        final List<Instant> composedUntil = new ArrayList<>();

        @Override
        public Optional<Video> findById(VideoId id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<String> composedStoryboard(VideoId id, Instant expiresAt) {
            composedUntil.add(expiresAt);
            return Optional.ofNullable(composed.get(id));
        }
    }
}
