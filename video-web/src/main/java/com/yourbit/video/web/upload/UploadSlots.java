package com.yourbit.video.web.upload;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many requests read upload bodies at once. Those reads block a worker thread for
 * as long as the client takes to send (a stalled or trickling client included), so without a
 * bound enough slow uploads would hold every worker and the API would stop answering. A
 * request beyond the bound is answered 503 with Retry-After at once, before reading anything:
 * tus-js-client and UpChunk retry it.
 */
@ReadsUploadBody
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class UploadSlots {

    static final int RETRY_AFTER_SECONDS = 2;

    /** The node's slots; one pool for every intercepted request (interceptors live per bean instance). */
    @ApplicationScoped
    static class Pool {

        private final Semaphore slots;

        /** Default: half of WildFly's worker pool on 2 cores (16 per core), so the API keeps the rest. */
        @Inject
        Pool(@ConfigProperty(name = "video.limits.concurrent-upload-requests", defaultValue = "16") int size) {
            slots = new Semaphore(Math.max(1, size));
        }

        Pool() {
            slots = null; // the CDI client proxy's constructor; never used to count
        }

        boolean tryAcquire() {
            return slots.tryAcquire();
        }

        void release() {
            slots.release();
        }
    }

    @Inject
    Pool pool;

    @AroundInvoke
    public Object withSlot(InvocationContext invocation) throws Exception {
        if (!pool.tryAcquire()) {
            throw new WebApplicationException(Problem.of(ErrorCode.SERVER_BUSY,
                            "too many uploads are sending at once; retry in " + RETRY_AFTER_SECONDS + " s")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build());
        }
        try {
            return invocation.proceed();
        } finally {
            pool.release();
        }
    }
}
