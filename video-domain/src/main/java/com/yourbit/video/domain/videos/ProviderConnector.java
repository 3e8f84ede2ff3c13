package com.yourbit.video.domain.videos;

import com.yourbit.video.api.UpdateReporter;
import com.yourbit.video.api.VideoProvider;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * At start, once the schema is migrated, gives every provider that reports by itself
 * ({@link UpdateReporter}) the single status-change entry point, {@link VideoService#applyUpdate}.
 * The provider cannot look the domain up itself: providers depend on the API only.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class ProviderConnector {

    private static final Logger LOG = Logger.getLogger(ProviderConnector.class.getName());

    @Inject
    @Any
    Instance<VideoProvider> providers;

    @Inject
    VideoService videos;

    @PostConstruct
    void connect() {
        for (VideoProvider provider : providers) {
            if (provider instanceof UpdateReporter reporter) {
                reporter.connect(videos::applyUpdate);
                LOG.info(() -> "provider " + provider.name() + " reports its updates to the domain");
            }
        }
    }
}
