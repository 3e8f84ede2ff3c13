package com.yourbit.video.web.body;

import com.yourbit.video.api.ErrorCode;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/** Gives every resource method its body bound ({@link BodyLimit} or the default). */
@Provider
public class BodyLimits implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        BodyLimit limit = resource.getResourceMethod().getAnnotation(BodyLimit.class);
        if (limit == null) {
            limit = resource.getResourceClass().getAnnotation(BodyLimit.class);
        }
        long bytes = limit == null ? BodyLimit.DEFAULT_BYTES : limit.value();
        if (bytes != BodyLimit.BY_PROTOCOL) {
            context.register(new BoundedBody(bytes, limit == null ? ErrorCode.REQUEST_TOO_LARGE : limit.code()));
        }
    }
}
