package com.yourbit.video.api;

/** How the browser sends the bytes to {@link DirectUpload#url()}. */
public enum UploadProtocol {
    /** tus 1.0.0 resumable upload. */
    TUS,
    /** One PUT of the whole file, or PUTs with {@code Content-Range} chunks (Mux-style). */
    PUT,
    /** One {@code multipart/form-data} POST of the whole file in a field named {@code file}
     *  (Cloudflare Stream's basic direct creator upload). */
    POST;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
