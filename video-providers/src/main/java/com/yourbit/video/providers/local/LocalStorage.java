package com.yourbit.video.providers.local;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/** The local provider's file store, media tools and token signer, built once from settings. */
@ApplicationScoped
public class LocalStorage {

    @Inject
    LocalSettings settings;

    private FileUploadStore uploads;
    private MediaProbe probe;
    private Thumbnailer thumbnailer;
    private MediaTokens tokens;

    @PostConstruct
    void init() {
        Clock clock = Clock.systemUTC();
        uploads = new FileUploadStore(settings.storageDir().resolve("uploads"), settings.maxSize(),
                settings.uploadTimeout(), clock);
        probe = new MediaProbe(settings.ffprobe());
        thumbnailer = new Thumbnailer(settings.ffmpeg(), settings.storageDir().resolve("thumbnails"));
        tokens = new MediaTokens(SigningKeyLoader.load(settings.signingJwk(), settings.storageDir()), clock);
    }

    FileUploadStore uploads() {
        return uploads;
    }

    MediaProbe probe() {
        return probe;
    }

    Thumbnailer thumbnailer() {
        return thumbnailer;
    }

    MediaTokens tokens() {
        return tokens;
    }
}
