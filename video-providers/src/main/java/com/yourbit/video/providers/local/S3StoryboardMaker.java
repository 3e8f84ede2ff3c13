package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.HostedMedia;
import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.providers.local.objects.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The storyboards as objects {@code storyboards/{upload}/storyboard.jpg} and {@code .vtt}:
 * made on the node's scratch as before, then sent, the image first, since the WebVTT file is
 * what makes a storyboard exist.
 */
class S3StoryboardMaker extends StoryboardMaker {

    private final ObjectStore store;
    private final String dir;

    /** @param runs node-local directory for the runs' scratch */
    S3StoryboardMaker(String ffmpeg, MediaProbe probe, Path runs, ObjectStore store, String dir) {
        super(ffmpeg, probe, runs);
        this.store = store;
        this.dir = dir;
    }

    private String key(String uploadId, String name) {
        return dir + uploadId + "/" + name;
    }

    @Override
    void place(String uploadId, Path built) throws IOException {
        store.put(key(uploadId, IMAGE), built.resolve(IMAGE), "image/jpeg");
        store.put(key(uploadId, HostedMedia.STORYBOARD), built.resolve(HostedMedia.STORYBOARD), "text/vtt");
        ScratchRuns.deleteTree(built);
    }

    @Override
    public boolean exists(String uploadId) {
        try {
            return store.head(key(uploadId, HostedMedia.STORYBOARD)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<MediaFile> media(String uploadId, String name, String contentType) {
        String key = key(uploadId, name);
        try {
            return store.head(key).map(object -> MediaFile.streamed(contentType, object.size(),
                    (first, length) -> store.get(key, first, first + length - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String uploadId) throws IOException {
        store.deletePrefix(dir + uploadId + "/");
        super.delete(uploadId);
    }
}
