package com.yourbit.video.web.body;

import com.yourbit.video.api.ErrorCode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest request body a resource (class or method) reads; without it a method gets
 * {@link #DEFAULT_BYTES}. {@link #BY_PROTOCOL} leaves the bound to the method itself (uploads:
 * Tus-Max-Size, Upload-Length, Content-Range).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BodyLimit {

    /** JSON API bodies are a title and a provider name: 64 KiB is far beyond any of them. */
    long DEFAULT_BYTES = 64 * 1024;
    long BY_PROTOCOL = -1;

    long value();

    ErrorCode code() default ErrorCode.REQUEST_TOO_LARGE;
}
