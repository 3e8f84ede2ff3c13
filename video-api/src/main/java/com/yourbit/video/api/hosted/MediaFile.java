package com.yourbit.video.api.hosted;

import java.nio.file.Path;

/** A file to serve, with its media type. */
public record MediaFile(Path path, String contentType, long size) {
}
