package com.yourbit.video.web.media;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.captions.WebVtt;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.InvalidMediaTokenException;
import com.yourbit.video.api.hosted.MediaBusyException;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.MediaGrant;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoStatus;
import com.yourbit.video.domain.captions.Caption;
import com.yourbit.video.domain.captions.CaptionService;
import com.yourbit.video.domain.captions.CaptionStatus;
import com.yourbit.video.domain.videos.VideoService;
import com.yourbit.video.web.problem.Problem;
import com.yourbit.video.web.problem.VideoExceptionMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /media/{videoId}/stream.m3u8} (HLS master playlist; each rung's media playlist and
 * segments under {@code /media/{videoId}/{rung}/}),
 * {@code /media/{videoId}/original} (the uploaded file), {@code /media/{videoId}/download.mp4},
 * {@code /media/{videoId}/thumbnail.jpg}, {@code /media/{videoId}/animated.gif|webp} and
 * {@code /media/{videoId}/storyboard.vtt} (with its {@code storyboard.jpg}), a local video's
 * captions ({@code /media/{videoId}/captions/{lang}.vtt}, and as HLS subtitles under
 * {@code captions/{lang}/}, listed in the master playlist; {@link SubtitlePlaylists}): the token in the
 * query must be valid, unexpired, for this video and for this kind of media (Mux's audiences:
 * {@code v} playback and download, {@code t} thumbnail, {@code g} animated, {@code s} storyboard).
 */
// The signed media token in the URL authorizes each request.
@PermitAll
@Path("media/{videoId}")
public class MediaResource {

    private static final Logger LOG = Logger.getLogger(MediaResource.class.getName());
    /** Longer than ffmpeg's own limit (60 s) plus a full queue's wait would rarely be; then 503. */
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(120);
    static final String DOWNLOAD = "download.mp4";
    /** The sprite of a local storyboard, as its cues name it. */
    static final String STORYBOARD_IMAGE = "storyboard.jpg";
    static final String WEBVTT = "text/vtt; charset=utf-8";
    /** A caption's language in a path: a well-formed tag is letters, digits and '-'. */
    static final String LANG = "[A-Za-z0-9-]{1,64}";

    @Inject
    HostedMedia media;

    @Inject
    VideoService videos;

    @Inject
    Clock clock;

    @Inject
    ComposedStoryboards composed;

    @Inject
    CaptionService captions;

    @GET
    @Path("original")
    @Operation(hidden = true)
    public Response original(@PathParam("videoId") String videoId, @QueryParam("token") String token,
                             @HeaderParam("Range") String range) {
        MediaGrant grant = grant(token, videoId, MediaGrant.PLAYBACK);
        Video video = readyLocalVideo(grant.videoId());
        MediaFile file = media.original(video.uploadId()).orElseThrow(MediaResource::notFound);
        return serve(file, range, grant.expiresAt());
    }

    /**
     * The HLS master playlist (a video made before the ladder: its one media playlist); the
     * URIs in it are signed with the same token. Not cached: rungs join it while the rest of
     * the ladder is encoded.
     */
    @GET
    @Path(HostedMedia.PLAYLIST)
    @Operation(hidden = true)
    public Response playlist(@PathParam("videoId") String videoId, @QueryParam("token") String token) {
        return signedPlaylist(videoId, token, HostedMedia.PLAYLIST, "private, no-cache");
    }

    /**
     * A caption file: for a provider that fetches it (a {@code c} token naming this version: Mux),
     * whatever the video's provider; or for players of a ready local video (a playback token).
     */
    @GET
    @Path(SubtitlePlaylists.DIRECTORY + "{lang: " + LANG + "}.vtt")
    @Operation(hidden = true)
    public Response captionFile(@PathParam("videoId") String videoId, @PathParam("lang") String lang,
                                @QueryParam("token") String token) {
        MediaGrant grant = anyGrant(token, videoId);
        String webVtt;
        if (MediaGrant.CAPTION.equals(grant.purpose())) {
            if (!grant.caption().lang().equals(lang)) {
                throw invalidToken("the media token is not for this media");
            }
            webVtt = captions.fileOf(grant.videoId(), lang, grant.caption().ref()).orElseThrow(MediaResource::notFound);
        } else if (MediaGrant.PLAYBACK.equals(grant.purpose())) {
            webVtt = readyCaption(readyLocalVideo(grant.videoId()), lang).getWebVtt();
        } else {
            throw invalidToken("the media token is not for this media");
        }
        return Response.ok(webVtt, WEBVTT)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    /** A caption's WebVTT media playlist, one segment per video segment; its URIs signed with the same token. */
    @GET
    @Path(SubtitlePlaylists.DIRECTORY + "{lang: " + LANG + "}/" + SubtitlePlaylists.MEDIA_PLAYLIST)
    @Operation(hidden = true)
    public Response captionPlaylist(@PathParam("videoId") String videoId, @PathParam("lang") String lang,
                                    @QueryParam("token") String token) {
        MediaGrant grant = grant(token, videoId, MediaGrant.PLAYBACK);
        Video video = readyLocalVideo(grant.videoId());
        readyCaption(video, lang);
        List<Double> durations = segmentDurations(video);
        return Response.ok(SignedPlaylist.sign(SubtitlePlaylists.mediaPlaylist(durations), token),
                        "application/vnd.apple.mpegurl")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    /** One WebVTT segment of a caption. */
    @GET
    @Path(SubtitlePlaylists.DIRECTORY + "{lang: " + LANG + "}/seg{index: [0-9]{5}}.vtt")
    @Operation(hidden = true)
    public Response captionSegment(@PathParam("videoId") String videoId, @PathParam("lang") String lang,
                                   @PathParam("index") int index, @QueryParam("token") String token) {
        MediaGrant grant = grant(token, videoId, MediaGrant.PLAYBACK);
        Video video = readyLocalVideo(grant.videoId());
        Caption caption = readyCaption(video, lang);
        List<Double> durations = segmentDurations(video);
        if (index >= durations.size()) {
            throw notFound();
        }
        long startPts = media.hlsStartPts(video.uploadId()).orElse(0L);
        return Response.ok(SubtitlePlaylists.segment(WebVtt.parse(caption.getWebVtt()), durations, index, startPts), WEBVTT)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    private Caption readyCaption(Video video, String lang) {
        return captions.current(video.id(), lang).filter(c -> c.getStatus() == CaptionStatus.READY)
                .orElseThrow(MediaResource::notFound);
    }

    /** The video segments' durations, from the first rung the master playlist lists. */
    private List<Double> segmentDurations(Video video) {
        String master = readText(media.rendition(video.uploadId(), HostedMedia.PLAYLIST).orElseThrow(MediaResource::notFound));
        String rung = master.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst()
                .orElseThrow(MediaResource::notFound);
        List<Double> durations = SubtitlePlaylists.durations(
                readText(media.rendition(video.uploadId(), rung).orElseThrow(MediaResource::notFound)));
        if (durations.isEmpty()) {
            throw notFound();
        }
        return durations;
    }

    private static String readText(MediaFile file) {
        try {
            return file.readString();
        } catch (IOException e) {
            throw notFound();
        }
    }

    /** A rung's media playlist ({@code 720p/index.m3u8}); its segment URIs are signed with the same token. */
    @GET
    @Path("{rung: " + HostedMedia.RUNG + "}/" + HostedMedia.MEDIA_PLAYLIST)
    @Operation(hidden = true)
    public Response mediaPlaylist(@PathParam("videoId") String videoId, @PathParam("rung") String rung,
                                  @QueryParam("token") String token) {
        return signedPlaylist(videoId, token, rung + "/" + HostedMedia.MEDIA_PLAYLIST, null);
    }

    /** A segment of a rung ({@code 720p/seg00000.ts}). */
    @GET
    @Path("{rung: " + HostedMedia.RUNG + "}/{segment: " + HostedMedia.SEGMENT + "}")
    @Operation(hidden = true)
    public Response rungSegment(@PathParam("videoId") String videoId, @PathParam("rung") String rung,
                                @PathParam("segment") String segment, @QueryParam("token") String token,
                                @HeaderParam("Range") String range) {
        return segmentFile(videoId, rung + "/" + segment, token, range);
    }

    /** A segment beside the playlist, as videos made before the ladder have them. */
    @GET
    @Path("{segment: " + HostedMedia.SEGMENT + "}")
    @Operation(hidden = true)
    public Response segment(@PathParam("videoId") String videoId, @PathParam("segment") String segment,
                            @QueryParam("token") String token, @HeaderParam("Range") String range) {
        return segmentFile(videoId, segment, token, range);
    }

    private Response segmentFile(String videoId, String name, String token, String range) {
        MediaGrant grant = grant(token, videoId, MediaGrant.PLAYBACK);
        Video video = readyLocalVideo(grant.videoId());
        MediaFile file = media.rendition(video.uploadId(), name).orElseThrow(MediaResource::notFound);
        return serve(file, range, grant.expiresAt());
    }

    /** @param cacheControl null: cached privately while the token is valid (the file never changes) */
    private Response signedPlaylist(String videoId, String token, String name, String cacheControl) {
        MediaGrant grant = grant(token, videoId, MediaGrant.PLAYBACK);
        Video video = readyLocalVideo(grant.videoId());
        MediaFile file = media.rendition(video.uploadId(), name).orElseThrow(MediaResource::notFound);
        String playlist;
        try {
            playlist = file.readString();
        } catch (IOException e) {
            throw notFound();
        }
        if (HostedMedia.PLAYLIST.equals(name)) {
            List<SubtitlePlaylists.Track> tracks = captions.of(video.id()).stream()
                    .filter(c -> c.getStatus() == CaptionStatus.READY)
                    .map(c -> new SubtitlePlaylists.Track(c.getLang(), c.getLabel())).toList();
            playlist = SubtitlePlaylists.master(playlist, tracks, token);
        }
        return Response.ok(SignedPlaylist.sign(playlist, token), file.contentType())
                .header(HttpHeaders.CACHE_CONTROL,
                        cacheControl != null ? cacheControl : "private, max-age=" + maxAge(grant.expiresAt()))
                .build();
    }

    /**
     * Rendering runs on the provider's bounded executor: the request thread is released
     * meanwhile (AsyncResponse) and the answer is written when the image is there. 503 with
     * Retry-After at once when rendering is saturated; 400 for a spec outside the video.
     */
    @GET
    @Path("thumbnail.jpg")
    @Operation(hidden = true)
    public void thumbnail(@PathParam("videoId") String videoId, @QueryParam("token") String token,
                          @HeaderParam("Range") String range, @Suspended AsyncResponse async) {
        MediaGrant grant = grant(token, videoId, MediaGrant.THUMBNAIL);
        Video video = readyLocalVideo(grant.videoId());
        ThumbnailSpec spec;
        try {
            spec = grant.thumbnail().checkFor(video.getDurationSeconds());
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Problem.response(ErrorCode.INVALID_REQUEST, e.getMessage()));
        }
        render(async, media.thumbnail(video.uploadId(), spec, video.getDurationSeconds()), range, grant.expiresAt(),
                "thumbnail", "no frame could be rendered at that time and size");
    }

    /**
     * The MP4 download, with a playback token as Mux's static renditions take one: an
     * attachment named after the video's title, ranges as for the original. 404 until the
     * pipeline has made it (the API answers 409 with Retry-After meanwhile).
     */
    @GET
    @Path(DOWNLOAD)
    @Operation(hidden = true)
    public Response download(@PathParam("videoId") String videoId, @QueryParam("token") String token,
                             @HeaderParam("Range") String range) {
        MediaGrant grant = grant(token, videoId, MediaGrant.PLAYBACK);
        Video video = readyLocalVideo(grant.videoId());
        MediaFile file = media.download(video.uploadId()).orElseThrow(MediaResource::notFound);
        Response served = serve(file, range, grant.expiresAt());
        if (served.getStatus() >= 300) {
            return served;
        }
        return Response.fromResponse(served)
                .header("Content-Disposition", DownloadFilename.contentDisposition(video.getTitle(), "mp4")).build();
    }

    /**
     * The storyboard of any ready video (a storyboard token): the local provider's own, its
     * sprite's URL signed with the same token; otherwise, or while the local one is not made,
     * one composed from the provider's signed thumbnails, valid as long as this token. 404 for
     * a video whose provider has a storyboard of its own (its URL is the provider's).
     */
    @GET
    @Path(HostedMedia.STORYBOARD)
    @Operation(hidden = true)
    public Response storyboard(@PathParam("videoId") String videoId, @QueryParam("token") String token) {
        MediaGrant grant = grant(token, videoId, MediaGrant.STORYBOARD);
        Optional<MediaFile> own = readyVideo(grant.videoId()).filter(MediaResource::isLocal)
                .flatMap(video -> media.storyboard(video.uploadId(), HostedMedia.STORYBOARD));
        String webVtt;
        if (own.isPresent()) {
            try {
                webVtt = SignedStoryboard.sign(own.get().readString(), token);
            } catch (IOException e) {
                throw notFound();
            }
        } else {
            webVtt = composed.get(token, clock.instant()).orElseGet(() -> {
                String made = videos.composedStoryboard(grant.videoId(), grant.expiresAt()).orElseThrow(MediaResource::notFound);
                composed.put(token, made, grant.expiresAt());
                return made;
            });
        }
        return Response.ok(webVtt, WEBVTT)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge(grant.expiresAt()))
                .build();
    }

    /** The sprite a local storyboard's cues point at. */
    @GET
    @Path(STORYBOARD_IMAGE)
    @Operation(hidden = true)
    public Response storyboardImage(@PathParam("videoId") String videoId, @QueryParam("token") String token,
                                    @HeaderParam("Range") String range) {
        MediaGrant grant = grant(token, videoId, MediaGrant.STORYBOARD);
        Video video = readyLocalVideo(grant.videoId());
        MediaFile file = media.storyboard(video.uploadId(), STORYBOARD_IMAGE).orElseThrow(MediaResource::notFound);
        return serve(file, range, grant.expiresAt());
    }

    /**
     * An animated preview, as its token's claims say (the path's format must be the token's).
     * Rendered on the provider's bounded executor like a thumbnail: 503 with Retry-After at
     * once when that is saturated; 400 when the part starts past the video's end.
     */
    @GET
    @Path("animated.{format: gif|webp}")
    @Operation(hidden = true)
    public void animated(@PathParam("videoId") String videoId, @PathParam("format") String format,
                         @QueryParam("token") String token, @HeaderParam("Range") String range,
                         @Suspended AsyncResponse async) {
        MediaGrant grant = grant(token, videoId, MediaGrant.ANIMATED);
        if (!grant.animated().format().extension().equals(format)) {
            throw invalidToken("the media token is not for this media");
        }
        Video video = readyLocalVideo(grant.videoId());
        AnimatedSpec spec;
        try {
            spec = grant.animated().checkFor(video.getDurationSeconds());
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Problem.response(ErrorCode.INVALID_REQUEST, e.getMessage()));
        }
        render(async, media.animated(video.uploadId(), spec), range, grant.expiresAt(),
                "animated preview", "no animated preview could be rendered of that part and size");
    }

    /**
     * Answers a suspended request with an image being rendered: the image, 503 with
     * Retry-After when rendering is saturated (or takes longer than {@link #RENDER_TIMEOUT}),
     * 422 when ffmpeg could not render it.
     */
    private void render(AsyncResponse async, CompletionStage<MediaFile> rendering, String range, Instant tokenExpiry,
                        String what, String unavailable) {
        async.setTimeout(RENDER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        async.setTimeoutHandler(late -> late.resume(busy(RENDER_TIMEOUT)));
        rendering.whenComplete((file, failure) -> {
            if (failure == null) {
                async.resume(serve(file, range, tokenExpiry));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof MediaBusyException saturated) {
                async.resume(busy(saturated.retryAfter()));
            } else if (cause instanceof UploadStoreException) {
                async.resume(Problem.response(ErrorCode.THUMBNAIL_UNAVAILABLE, unavailable));
            } else {
                LOG.log(Level.WARNING, "rendering a " + what + " failed", cause);
                async.resume(Problem.response(ErrorCode.INTERNAL_ERROR, "the " + what + " could not be rendered"));
            }
        });
    }

    private static Response busy(Duration retryAfter) {
        return Problem.of(ErrorCode.MEDIA_BUSY, "image rendering is busy; try again shortly")
                .header(HttpHeaders.RETRY_AFTER, VideoExceptionMapper.retryAfterSeconds(retryAfter)).build();
    }

    private MediaGrant grant(String token, String videoId, String purpose) {
        try {
            MediaGrant grant = media.verify(token);
            if (!grant.videoId().value().equals(videoId) || !grant.purpose().equals(purpose)) {
                throw new InvalidMediaTokenException("the media token is not for this media");
            }
            return grant;
        } catch (InvalidMediaTokenException e) {
            throw invalidToken(e.getMessage());
        }
    }

    /** A valid token for this video, of any purpose (the caller checks which it takes). */
    private MediaGrant anyGrant(String token, String videoId) {
        try {
            MediaGrant grant = media.verify(token);
            if (!grant.videoId().value().equals(videoId)) {
                throw new InvalidMediaTokenException("the media token is not for this media");
            }
            return grant;
        } catch (InvalidMediaTokenException e) {
            throw invalidToken(e.getMessage());
        }
    }

    private static WebApplicationException invalidToken(String detail) {
        return new WebApplicationException(Problem.of(ErrorCode.INVALID_MEDIA_TOKEN, detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }

    /** The video of a verified grant: its id is the path's. */
    private Video readyLocalVideo(VideoId videoId) {
        return readyVideo(videoId).filter(MediaResource::isLocal).orElseThrow(MediaResource::notFound);
    }

    private Optional<Video> readyVideo(VideoId videoId) {
        return videos.findById(videoId).filter(v -> v.getStatus() == VideoStatus.READY);
    }

    private static boolean isLocal(Video video) {
        return video.getProvider().value().equals("local");
    }

    private static WebApplicationException notFound() {
        return new WebApplicationException(Problem.response(ErrorCode.MEDIA_NOT_FOUND, "no such media"));
    }

    private long maxAge(Instant tokenExpiry) {
        return Math.max(0, Duration.between(clock.instant(), tokenExpiry).toSeconds());
    }

    private Response serve(MediaFile file, String rangeHeader, Instant tokenExpiry) {
        long size = file.size();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(rangeHeader, size);
        } catch (ByteRange.Unsatisfiable e) {
            return Problem.of(ErrorCode.RANGE_NOT_SATISFIABLE, "the range is outside the file")
                    .header("Content-Range", "bytes */" + size).build();
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        StreamingOutput body = file.isFile() ? out -> {
            try (FileChannel in = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                WritableByteChannel target = Channels.newChannel(out);
                long position = first;
                long remaining = length;
                while (remaining > 0) {
                    long sent = in.transferTo(position, remaining, target);
                    if (sent <= 0) {
                        throw new IOException("file shorter than expected");
                    }
                    position += sent;
                    remaining -= sent;
                }
            }
        } : out -> {
            // Kept in an object store: streamed through, the range asked of the store, so one
            // token scheme covers every store (even one browsers cannot reach) and expiry and
            // revocation work as for files.
            try (InputStream in = file.open(first, length)) {
                if (in.transferTo(out) != length) {
                    throw new IOException("the stored media is shorter than expected");
                }
            }
        };
        long maxAge = maxAge(tokenExpiry);
        Response.ResponseBuilder response = Response.status(range.isPresent() ? 206 : 200)
                .entity(body)
                .type(file.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge);
        range.ifPresent(r -> response.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
        return response.build();
    }
}
