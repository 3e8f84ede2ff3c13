package com.yourbit.video.providers.local;

import com.yourbit.video.api.AnimatedSpec;
import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.SignedUrl;
import com.yourbit.video.api.ThumbnailSpec;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.api.hosted.MediaGrant;
import com.yourbit.video.api.hosted.UploadStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves the local provider's files: the original upload, its HLS renditions, MP4 download,
 * storyboard, thumbnails and animated previews; and signs the storyboard URLs of any video.
 */
@ApplicationScoped
public class LocalHostedMedia implements HostedMedia {

    @Inject
    LocalProviderComponents storage;

    @Inject
    LocalMediaUrls urls;

    @Override
    public MediaGrant verify(String token) {
        return storage.tokens().verify(token);
    }

    @Override
    public Optional<MediaFile> original(UploadId uploadId) {
        return storage.uploads().original(uploadId.value());
    }

    /** Only the names {@link HlsRenditions#file} knows; anything else (a path, {@code ..}) is not there. */
    @Override
    public Optional<MediaFile> rendition(UploadId uploadId, String name) {
        return storage.hls().media(uploadId.value(), name);
    }

    /**
     * A cached image is answered at once; otherwise ffmpeg runs on the bounded thumbnail
     * executor, once for identical concurrent requests.
     */
    @Override
    public CompletionStage<MediaFile> thumbnail(UploadId upload, ThumbnailSpec spec, Double durationSeconds) {
        String uploadId = upload.value();
        Thumbnailer thumbnailer = storage.thumbnailer();
        // Mux's default thumbnail is the middle of the video; so is ours (and the pipeline's).
        Double time = spec.timeSeconds() != null ? spec.timeSeconds() : durationSeconds == null ? null : durationSeconds / 2;
        if (time != null) {
            Optional<Path> cached = thumbnailer.cached(uploadId, time, spec);
            if (cached.isPresent()) {
                return CompletableFuture.completedFuture(jpeg(cached.get()));
            }
        }
        String key = uploadId + "/" + time + "/" + spec.width() + "x" + spec.height();
        return storage.thumbnailRenders().submit(key, () -> {
            try {
                // On the render executor: with an object store, the original may first be copied here.
                Path source = storage.uploads().data(uploadId);
                return thumbnailer.render(uploadId, source, time != null ? time : middle(source), spec);
            } catch (IOException | UncheckedIOException e) {
                throw new UploadStoreException(ErrorCode.STORAGE_FAILED,
                        "the thumbnail could not be rendered", e);
            }
        }).thenApply(LocalHostedMedia::jpeg);
    }

    @Override
    public Optional<MediaFile> download(UploadId uploadId) {
        return storage.mp4().media(uploadId.value());
    }

    @Override
    public Optional<MediaFile> storyboard(UploadId uploadId, String name) {
        String type = switch (name) {
            case STORYBOARD -> "text/vtt; charset=utf-8";
            case StoryboardMaker.IMAGE -> "image/jpeg";
            default -> null;
        };
        return type == null ? Optional.empty() : storage.storyboards().media(uploadId.value(), name, type);
    }

    /** As {@link #thumbnail}, on the animated previews' own bounded executor. */
    @Override
    public CompletionStage<MediaFile> animated(UploadId upload, AnimatedSpec spec) {
        String uploadId = upload.value();
        Animator animator = storage.animator();
        Optional<Path> cached = animator.cached(uploadId, spec);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(image(cached.get(), spec.format().contentType()));
        }
        return storage.animatedRenders().submit(uploadId + "/" + spec, () -> {
            try {
                return animator.render(uploadId, storage.uploads().data(uploadId), spec);
            } catch (IOException | UncheckedIOException e) {
                throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the animated preview could not be rendered", e);
            }
        }).thenApply(file -> image(file, spec.format().contentType()));
    }

    @Override
    public SignedUrl storyboardUrl(VideoId videoId, Duration ttl) {
        return urls.storyboard(videoId, ttl);
    }

    @Override
    public SignedUrl captionFetchUrl(VideoId videoId, String lang, String ref, Duration ttl) {
        return urls.captionFetch(videoId, lang, ref, ttl);
    }

    @Override
    public SignedUrl captionUrl(VideoId videoId, String lang, Duration ttl) {
        return urls.caption(videoId, lang, ttl);
    }

    /** Read from the first segment the master playlist's first rendition lists. */
    @Override
    public OptionalLong hlsStartPts(UploadId uploadId) {
        return storage.hls().startPts(uploadId.value());
    }

    private static MediaFile jpeg(Path image) {
        return image(image, "image/jpeg");
    }

    private static MediaFile image(Path image, String contentType) {
        try {
            return new MediaFile(image, contentType, Files.size(image));
        } catch (IOException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the rendered image is gone", e);
        }
    }

    /** For a video whose duration the caller does not know. */
    private double middle(Path source) throws IOException {
        return storage.probe().probe(source)
                .map(MediaProbe.VideoFacts::durationSeconds)
                .map(d -> d / 2)
                .orElse(0.0);
    }

    /** Reads the first bytes to name the container; falls back to the client's filetype. */
    static final class ContentTypes {
        private ContentTypes() {
        }

        static String sniff(Path file, String declared) {
            byte[] head = new byte[12];
            try (InputStream in = Files.newInputStream(file)) {
                return sniff(head, in.readNBytes(head, 0, head.length), declared);
            } catch (IOException e) {
                return "application/octet-stream";
            }
        }

        /** From the first {@code n} bytes of the file in {@code head}. */
        static String sniff(byte[] head, int n, String declared) {
            if (n >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
                return head[8] == 'q' && head[9] == 't' ? "video/quicktime" : "video/mp4";
            }
            if (n >= 4 && (head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45
                    && (head[2] & 0xff) == 0xDF && (head[3] & 0xff) == 0xA3) {
                return "video/webm";
            }
            if (n >= 4 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F') {
                return "video/x-msvideo";
            }
            return declared != null && declared.matches("(video|audio)/[A-Za-z0-9.+-]{1,64}")
                    ? declared : "application/octet-stream";
        }
    }
}
