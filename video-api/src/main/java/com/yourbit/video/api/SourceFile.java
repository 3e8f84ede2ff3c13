package com.yourbit.video.api;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the uploader said about the file it sent (tus {@code Upload-Metadata} {@code filename}
 * and {@code filetype}, or a PUT's {@code Content-Type}). Client-supplied and informational:
 * lengths are bounded and a file type that is not a media type is dropped.
 */
public record SourceFile(String filename, String filetype) {

    public static final int MAX_FILENAME = 255;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}");

    public SourceFile {
        filename = filename == null || filename.isBlank() ? null : bounded(filename.strip());
        filetype = filetype == null ? null : filetype.strip().toLowerCase(Locale.ROOT);
        if (filetype != null && !MEDIA_TYPE.matcher(filetype).matches()) {
            filetype = null;
        }
    }

    /** Null when neither part says anything. */
    public static SourceFile of(String filename, String filetype) {
        SourceFile file = new SourceFile(filename, filetype);
        return file.filename() == null && file.filetype() == null ? null : file;
    }

    /**
     * From tus {@code Upload-Metadata}: tus-js-client sends {@code filename}/{@code filetype},
     * Uppy also {@code name}/{@code type}. Null when neither is there.
     */
    public static SourceFile fromTusMetadata(Map<String, String> metadata) {
        return of(metadata.getOrDefault("filename", metadata.get("name")),
                metadata.getOrDefault("filetype", metadata.get("type")));
    }

    private static String bounded(String name) {
        return name.codePointCount(0, name.length()) <= MAX_FILENAME ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_FILENAME));
    }
}
