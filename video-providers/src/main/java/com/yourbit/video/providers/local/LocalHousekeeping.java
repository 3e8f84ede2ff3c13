package com.yourbit.video.providers.local;

import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pass of the local provider's housekeeping: unfinished uploads past their expiry are
 * removed (their bytes freed) and reported {@link ProviderState#GONE}, which expires the
 * video; media job outcomes not yet taken are offered again, jobs whose message could not be
 * sent are sent.
 *
 * <p>Why here and not in the domain's EJB timer: the files belong to the provider, and the
 * provider has no EJBs; a managed scheduled executor runs this on every node for that
 * node's storage. Every step is idempotent (deleting a missing file, a repeated GONE event
 * is de-duplicated by its key), so overlapping passes or nodes sharing a disk are harmless.
 */
public class LocalHousekeeping implements Runnable {

    private static final Logger LOG = Logger.getLogger(LocalHousekeeping.class.getName());

    private final ProviderName provider;
    private final Uploads uploads;
    private final Thumbnailer thumbnails;
    private final MediaPipeline pipeline;
    private final Consumer<ProviderUpdate> updates;
    private final Clock clock;

    public LocalHousekeeping(ProviderName provider, Uploads uploads, Thumbnailer thumbnails, MediaPipeline pipeline,
                       Consumer<ProviderUpdate> updates, Clock clock) {
        this.provider = provider;
        this.uploads = uploads;
        this.thumbnails = thumbnails;
        this.pipeline = pipeline;
        this.updates = updates;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            for (String uploadId : uploads.removeExpired()) {
                LOG.info(() -> "removed the expired, unfinished upload " + uploadId);
                try {
                    thumbnails.evict(uploadId);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cached thumbnails of upload " + uploadId + " not removed", e);
                }
                try {
                    updates.accept(ProviderUpdate.from(provider).event(EventKey.of("upload-expired:" + uploadId))
                            .upload(UploadId.of(uploadId)).gone("the upload was not finished before it expired", clock.instant()));
                } catch (RuntimeException e) {
                    // The domain's own stale-upload expiry still catches the video.
                    LOG.log(Level.WARNING, "expiry of upload " + uploadId + " not applied", e);
                }
            }
            pipeline.sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the schedule.
            LOG.log(Level.WARNING, "the local provider's sweep failed; it runs again at the next interval", e);
        }
    }
}
