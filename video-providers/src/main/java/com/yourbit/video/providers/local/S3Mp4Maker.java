package com.yourbit.video.providers.local;

import com.yourbit.video.api.hosted.MediaFile;
import com.yourbit.video.providers.local.objects.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The MP4 downloads as objects {@code downloads/{upload}.mp4}: made on the node's scratch as
 * before, then sent (a PUT makes an object whole or not at all), and streamed from the store.
 */
class S3Mp4Maker extends Mp4Maker {

    private final ObjectStore store;
    private final String dir;

    /** @param runs node-local directory for the runs' scratch */
    S3Mp4Maker(String ffmpeg, Path runs, ObjectStore store, String dir) {
        super(ffmpeg, runs);
        this.store = store;
        this.dir = dir;
    }

    private String key(String uploadId) {
        return dir + uploadId + ".mp4";
    }

    @Override
    void place(String uploadId, Path output) throws IOException {
        store.put(key(uploadId), output, CONTENT_TYPE);
        Files.delete(output);
    }

    @Override
    public boolean exists(String uploadId) {
        try {
            return store.head(key(uploadId)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<MediaFile> media(String uploadId) {
        String key = key(uploadId);
        try {
            return store.head(key).map(object -> MediaFile.streamed(CONTENT_TYPE, object.size(),
                    (first, length) -> store.get(key, first, first + length - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String uploadId) throws IOException {
        store.delete(key(uploadId));
        super.delete(uploadId);
    }
}
