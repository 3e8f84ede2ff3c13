package com.yourbit.video.web.upload;

import com.yourbit.video.domain.ErrorCode;
import com.yourbit.video.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.Config;

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

    /** Half of WildFly's default worker pool on 2 cores (16 per core): the API keeps the rest. */
    static final int DEFAULT_SLOTS = 16;
    static final int RETRY_AFTER_SECONDS = 2;

    private static volatile Semaphore slots;

    @Inject
    Config config;

    @AroundInvoke
    public Object withSlot(InvocationContext invocation) throws Exception {
        Semaphore available = slots();
        if (!available.tryAcquire()) {
            throw new WebApplicationException(Problem.of(ErrorCode.SERVER_BUSY,
                            "too many uploads are sending at once; retry in " + RETRY_AFTER_SECONDS + " s")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build());
        }
        try {
            return invocation.proceed();
        } finally {
            available.release();
        }
    }

    private Semaphore slots() {
        Semaphore current = slots;
        if (current == null) {
            synchronized (UploadSlots.class) {
                if (slots == null) {
                    int size = config.getOptionalValue("video.limits.concurrent-upload-requests", Integer.class)
                            .orElse(DEFAULT_SLOTS);
                    slots = new Semaphore(Math.max(1, size));
                }
                current = slots;
            }
        }
        return current;
    }
}
