package com.yourbit.video.domain.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** Reads {@link UserLimits} from MicroProfile Config once per application start. */
@ApplicationScoped
public class UserLimitsProducer {

    @Inject
    Config config;

    @Produces
    UserLimits limits() {
        return UserLimits.from(config);
    }
}
