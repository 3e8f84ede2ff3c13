package com.yourbit.video.providers.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered-thumbnail cache stays under its size: the oldest images go, the new one stays. */
class ThumbnailCacheTest {

    @TempDir
    Path dir;

    private Path image(String upload, String name, int bytes, long ageSeconds) throws Exception {
        Path file = dir.resolve(upload).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
        return file;
    }

    @Test
    void theOldestImagesAreRemovedUntilTheCacheFits() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer("ffmpeg", dir, 250);
        Path oldest = image("a", "1.000_autoxauto.jpg", 100, 300);
        Path older = image("b", "2.000_autoxauto.jpg", 100, 200);
        Path old = image("a", "3.000_autoxauto.jpg", 100, 100);
        Path fresh = image("c", "4.000_autoxauto.jpg", 100, 0);
        Path writing = image("c", "thumb123.jpg", 500, 400);

        thumbnailer.trim(fresh);

        assertThat(oldest).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(old).exists();
        assertThat(fresh).exists();
        assertThat(writing).as("an image ffmpeg is still writing is not the cache's").exists();
    }

    @Test
    void theImageJustRenderedStaysEvenWhenItAloneIsTooBig() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer("ffmpeg", dir, 50);
        Path other = image("a", "1.000_autoxauto.jpg", 10, 100);
        Path fresh = image("a", "2.000_100xauto.jpg", 100, 200);

        thumbnailer.trim(fresh);

        assertThat(fresh).exists();
        assertThat(other).doesNotExist();
    }

    @Test
    void aCacheWithinItsSizeIsLeftAlone() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer("ffmpeg", dir, 1000);
        Path a = image("a", "1.000_autoxauto.jpg", 100, 100);
        Path b = image("b", "1.000_autoxauto.jpg", 100, 0);
        thumbnailer.trim(b);
        assertThat(a).exists();
        assertThat(b).exists();
        assertThat(thumbnailer.cached("a", 1.0, com.yourbit.video.api.ThumbnailSpec.defaults())).contains(a);
    }

    /**
     * A stage that ends after its video was deleted evicts the upload's images while the
     * deletion itself does (MediaPipeline.forget beside LocalVideoProvider.dispose): a folder
     * removed by the one while the other looks at it is gone, not an error (it was a 500 for
     * the DELETE).
     */
    @Test
    void imagesEvictedByTwoDeletersAtOnceAreGoneWithoutAnError() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer("ffmpeg", dir, 1_000_000);
        int deleters = 4;
        ExecutorService threads = Executors.newFixedThreadPool(deleters);
        try {
            for (int round = 0; round < 3000; round++) {
                image("gone", "1.000_autoxauto.jpg", 10, 0);
                CyclicBarrier start = new CyclicBarrier(deleters);
                Callable<Void> evict = () -> {
                    start.await();
                    thumbnailer.evict("gone");
                    return null;
                };
                for (Future<Void> one : threads.invokeAll(Collections.nCopies(deleters, evict))) {
                    one.get();
                }
                assertThat(dir.resolve("gone")).doesNotExist();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
